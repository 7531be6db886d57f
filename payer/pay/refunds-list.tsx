// The receipt's refunds: what went back to the payer, and when.
import type { PayerRefund } from "@/lib/payments/refunds/payer-refunds";
import { formatFen } from "@/lib/money";
import { formatBeijingTime } from "@/lib/ui/format";

export function RefundsList({ refunds, amountFen, refundedFen }: { refunds: PayerRefund[]; amountFen: number; refundedFen: number }) {
  if (!refunds.length) return null;
  return (
    <section data-testid="refunds">
      <h2>{refundedFen >= amountFen ? "已退款（全额）" : refundedFen > 0 ? "已退款（部分）" : "退款处理中"}</h2>
      <ul>
        {refunds.map((r, i) => (
          <li key={i}>
            {r.status === "succeeded" ? `已退款 ${formatFen(r.amountFen)}，${formatBeijingTime(r.at)} 原路退回` : `退款 ${formatFen(r.amountFen)} 处理中（${formatBeijingTime(r.at)} 发起）`}
          </li>
        ))}
      </ul>
    </section>
  );
}
