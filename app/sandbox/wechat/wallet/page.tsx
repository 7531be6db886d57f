import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { emulatorEnabled } from "@/lib/emulator/enabled";
import { walletView, WALLET_PATH, type WalletView } from "@/lib/emulator/wechat";
import { RefundsPanel } from "./refunds-panel";
import styles from "./wallet.module.css";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "微信支付（模拟器）", robots: { index: false } };

type Search = { code_url?: string | string[]; result?: string | string[] };
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

// The payer's phone: "scan" a code_url (open this page with it, or paste it), then pay or decline.
// Plain forms posting to route handlers, so it works without JavaScript and in Playwright by text.
export default async function WechatWalletPage({ searchParams }: { searchParams: Promise<Search> }) {
  if (!emulatorEnabled("wechat")) notFound();
  const search = await searchParams;
  const codeUrl = first(search.code_url)?.trim();
  const result = first(search.result);
  const view = codeUrl ? walletView(codeUrl) : null;

  return (
    <main className={styles.phone} data-status={view?.status ?? "scan"}>
      <header className={styles.header}>
        <h1>微信支付（模拟器）</h1>
        <span className={styles.badge}>模拟环境 · 不产生真实扣款</span>
      </header>
      {view ? <TradePanel view={view} result={result} /> : <ScanPanel />}
    </main>
  );
}

const STATE_LABEL: Record<Exclude<WalletView["status"], "unknown">, string> = {
  payable: "待支付",
  paid: "已支付",
  closed: "已关闭",
  expired: "已过期（未支付）",
};

function TradePanel({ view, result }: { view: WalletView; result: string | undefined }) {
  if (view.status === "unknown") {
    return (
      <section className={styles.card}>
        <p className={styles.error} role="alert" data-testid="result">
          二维码无效：找不到对应的订单
        </p>
        <p className={styles.hint}>请确认粘贴的是商户页面上的 weixin:// 链接。</p>
        <a className={styles.secondary} href={WALLET_PATH}>
          重新扫码
        </a>
      </section>
    );
  }

  return (
    <section className={styles.card}>
      <p className={styles.merchant}>
        {view.merchantName}（商户号 <span data-testid="mchid">{view.mchId}</span>）
      </p>
      <p className={styles.description} data-testid="description">
        {view.description}
      </p>
      <p className={styles.amount} data-testid="amount">
        {view.amountText}
      </p>
      <dl className={styles.details}>
        <dt>商户订单号</dt>
        <dd data-testid="out-trade-no">{view.outTradeNo}</dd>
        <dt>订单状态</dt>
        <dd data-testid="state">{STATE_LABEL[view.status]}</dd>
        {view.status === "payable" && (
          <>
            <dt>付款截止</dt>
            <dd>{view.expiresAtText}（北京时间）</dd>
          </>
        )}
        {view.transactionId && (
          <>
            <dt>微信支付订单号</dt>
            <dd data-testid="transaction-id">{view.transactionId}</dd>
            <dt>支付时间</dt>
            <dd>{view.successTimeText}（北京时间）</dd>
          </>
        )}
      </dl>

      {view.status === "payable" && (
        <>
          {result === "declined" && (
            <p className={styles.note} role="status" data-testid="result">
              已拒绝支付，订单仍未支付。可以重新确认支付。
            </p>
          )}
          <form method="post" action={`${WALLET_PATH}/pay`}>
            <input type="hidden" name="code_url" value={view.codeUrl} />
            <button type="submit" className={styles.primary}>
              确认支付
            </button>
          </form>
          <form method="post" action={`${WALLET_PATH}/decline`}>
            <input type="hidden" name="code_url" value={view.codeUrl} />
            <button type="submit" className={styles.secondary}>
              拒绝支付
            </button>
          </form>
        </>
      )}
      {view.status === "paid" &&
        (result === "paid" ? (
          <p className={styles.ok} role="status" data-testid="result">
            支付成功
          </p>
        ) : (
          <p className={styles.note} role="status" data-testid="result">
            该订单已支付，无需重复支付
          </p>
        ))}
      {view.status === "paid" && <RefundsPanel codeUrl={view.codeUrl} />}
      {view.status === "expired" && (
        <p className={styles.error} role="alert" data-testid="result">
          二维码已过期，无法支付
        </p>
      )}
      {view.status === "closed" && (
        <p className={styles.error} role="alert" data-testid="result">
          订单已关闭，无法支付
        </p>
      )}
    </section>
  );
}

// No list of recent orders: a phone knows only the code it scanned, and a list would show anyone
// strangers' unpaid orders. The merchant's page links here with its code_url.
function ScanPanel() {
  return (
    <section className={styles.card}>
      <form method="get" action={WALLET_PATH} className={styles.scan}>
        <label htmlFor="code_url">扫一扫：粘贴 weixin:// 链接</label>
        <input id="code_url" name="code_url" type="text" required placeholder="weixin://wxpay/bizpayurl?pr=…" autoComplete="off" />
        <button type="submit" className={styles.primary}>
          打开
        </button>
      </form>
      <p className={styles.hint}>在商户的付款页点“打开模拟器钱包”，或复制二维码下方的链接粘贴到这里。</p>
    </section>
  );
}
