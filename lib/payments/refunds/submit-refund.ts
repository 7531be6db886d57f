// Sending a committed refund to its platform, first by the request and again (same number) by the
// refund job. The refund number is the platform's idempotency key, so a repeat after a lost answer
// is the same refund there, never a second one.
import { getDb } from "@/db/client";
import { addOrderEvent, type OrderRow } from "@/db/queries/orders";
import type { RefundRow } from "@/db/queries/refunds";
import { AppError } from "@/lib/errors";
import { providerFor } from "../providers";
import { PaymentPlatformError, type RefundFact } from "../types";
import { applyRefundFact, closeRefusedRefund, markRefundInFlight } from "./refund-state";
import { nextCheckAt } from "./refund-schedule";

const STATUS_WORDS: Record<string, string> = { processing: "处理中", succeeded: "退款成功", closed: "退款关闭", abnormal: "退款异常" };

export async function submitRefund(order: OrderRow, refund: RefundRow, now = Date.now()): Promise<void> {
  let fact: RefundFact;
  try {
    const provider = await providerFor(order.provider, order.accountRef);
    fact = await provider.refund({
      refundNo: refund.refundNo,
      orderNo: order.orderNo,
      refundFen: refund.amountFen,
      totalFen: order.amountFen,
      reason: refund.reason,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof PaymentPlatformError && error.kind === "rejected") {
      await closeRefusedRefund(refund.refundNo, message.slice(0, 300));
      return;
    }
    // No answer, a 5xx or an account we cannot reach now: the outcome is unknown. The job asks
    // again (query, then the same create) rather than ever making a second refund.
    if (!(error instanceof PaymentPlatformError) && !(error instanceof AppError)) console.error("refund create failed", message);
    await markRefundInFlight(refund, nextCheckAt(refund.checkCount, now), `退款请求未得到平台明确答复（${message.slice(0, 200)}），将用同一退款单号重试或查询`);
    return;
  }
  const { outcome } = await applyRefundFact(fact);
  if (fact.kind === "refund" && fact.status === "processing") {
    await markRefundInFlight(refund, nextCheckAt(refund.checkCount, now), `已提交平台退款（退款单号 ${refund.refundNo}），平台处理中`);
  } else if (fact.kind === "refund") {
    await addOrderEvent(getDb(), order.id, "query", `退款申请应答：${STATUS_WORDS[fact.status]}（${outcome}）`, { fact, outcome });
  }
}
