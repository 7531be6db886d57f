import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cashierView } from "@/lib/emulator/alipay";
import { emulatorEnabled } from "@/lib/emulator/enabled";
import styles from "./cashier.module.css";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "支付宝收银台（模拟器）", robots: { index: false } };

// The emulated Alipay cashier: the payer lands here from the gateway and confirms or cancels.
// Plain forms posting to route handlers, so it works without JavaScript and in Playwright by text.
export default async function AlipayCashierPage({ params }: { params: Promise<{ token: string }> }) {
  if (!emulatorEnabled("alipay")) notFound();
  const view = cashierView((await params).token);
  if (!view) notFound();
  const base = `/sandbox/alipay/cashier/${view.token}`;

  return (
    <main className={view.wap ? styles.phone : styles.desktop} data-status={view.status} data-channel={view.wap ? "wap" : "page"}>
      <header className={styles.header}>
        <h1>支付宝收银台（模拟器）</h1>
        <span className={styles.badge}>模拟环境 · 不产生真实扣款</span>
      </header>

      <section className={styles.order}>
        <p className={styles.subject} data-testid="subject">{view.subject}</p>
        <p className={styles.amount} data-testid="amount">{view.amountText}</p>
        <dl className={styles.details}>
          <dt>商户订单号</dt>
          <dd data-testid="out-trade-no">{view.outTradeNo}</dd>
          <dt>支付宝交易号</dt>
          <dd data-testid="trade-no">{view.tradeNo}</dd>
          {view.status === "WAIT_BUYER_PAY" && (
            <>
              <dt>付款截止</dt>
              <dd>{view.expiresAtText}（北京时间）</dd>
            </>
          )}
          {view.paidAtText && (
            <>
              <dt>付款时间</dt>
              <dd>{view.paidAtText}</dd>
            </>
          )}
        </dl>
      </section>

      {view.status === "WAIT_BUYER_PAY" && (
        <section className={styles.pay}>
          <p className={styles.account}>付款账户：159****5620（账户余额）</p>
          {!view.wap && <p className={styles.hint}>电脑网站支付：模拟器中无需扫码或登录，直接确认即可。</p>}
          <form method="post" action={`${base}/pay`}>
            <button type="submit" className={styles.primary}>
              确认付款
            </button>
          </form>
          <form method="post" action={`${base}/cancel`}>
            <button type="submit" className={styles.secondary}>
              取消付款
            </button>
          </form>
        </section>
      )}

      {view.status === "TRADE_SUCCESS" && (
        <section className={styles.pay}>
          <p className={styles.ok} data-testid="result">
            支付成功
          </p>
          {view.returnUrl && (
            <a className={styles.primary} href={view.returnUrl}>
              返回商家
            </a>
          )}
        </section>
      )}

      {view.status === "TRADE_CLOSED" && (
        <section className={styles.pay}>
          <p className={styles.closed} data-testid="result">
            交易已关闭
          </p>
          <p className={styles.hint}>该订单已超时或已被商户关闭，无法付款。</p>
        </section>
      )}
    </main>
  );
}
