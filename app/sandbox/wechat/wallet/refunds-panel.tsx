import { walletRefunds } from "@/lib/emulator/wechat";
import styles from "./wallet.module.css";

// The refunds of the order the payer scanned, as WeChat's bill of 零钱 would list them.
export function RefundsPanel({ codeUrl }: { codeUrl: string }) {
  const refunds = walletRefunds(codeUrl);
  if (refunds.length === 0) return null;
  return (
    <section aria-label="退款记录" data-testid="refunds">
      <h2 className={styles.hint}>退款记录</h2>
      <dl className={styles.details}>
        {refunds.map((r) => (
          <div key={r.outRefundNo} data-testid="refund" data-status={r.status}>
            <dt>
              {r.statusText} {r.amountText}
            </dt>
            <dd>{r.timeText}（北京时间）</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
