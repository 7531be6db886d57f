"use client";

import { QRCodeSVG } from "qrcode.react";
import { useEffect, useState } from "react";
import { noteLeftForCashier, wentToCashier } from "@/lib/payer/cashier-visit";
import type { PayPageData } from "@/lib/payments/order-view";
import { formatBeijingTime, formatFen, METHOD_LABEL, STATUS_LABEL } from "@/lib/ui/format";
import { OpenInBrowser } from "../open-in-browser";
import { PaidCheckButton } from "./paid-check-button";
import { usePayerChannels } from "./payer-channels";
import { H5Pay, JsapiPay } from "./phone-pay";
import { RefundsList } from "./refunds-list";
import { useLiveStatus } from "./use-live-status";

const RECEIPT_STATUSES = new Set(["paid", "partially_refunded", "refunded"]);

export function PayClient({ initial, walletUrl }: { initial: PayPageData; walletUrl: string | null }) {
  // Pushed by the server as it changes (polling as the fallback): see use-live-status.ts.
  const { status } = useLiveStatus(initial);

  // The receipt needs the platform's transaction number: render the page again from the server
  // once the status moved (the page is plain HTML plus this island: a reload is that re-render).
  useEffect(() => {
    if (status !== initial.status) window.location.reload();
  }, [status, initial.status]);

  // Refunded orders were paid: their receipt stays, with what went back.
  if (RECEIPT_STATUSES.has(status) && RECEIPT_STATUSES.has(initial.status)) return <Receipt order={initial} />;
  if (status === "paid") return <p>支付成功，正在生成凭证…</p>;
  if (status === "pending") return <Pending order={initial} walletUrl={walletUrl} />;
  return <Ended order={initial} status={status} />;
}

function Summary({ order }: { order: PayPageData }) {
  return (
    <div className="card">
      <h1>{order.formTitle}</h1>
      <div className="amount" data-testid="amount">
        {formatFen(order.amountFen)}
      </div>
      <p className="muted">
        订单号：<span data-testid="order-no">{order.orderNo}</span>
      </p>
      <PayerLines order={order} />
    </div>
  );
}

// Enough for the payer to recognise the order, masked: anyone with this page's link sees it.
function PayerLines({ order }: { order: PayPageData }) {
  if (!order.answers.length) return null;
  return (
    <dl className="receipt" data-testid="payer">
      {order.answers.map((a, i) => (
        <FragmentLine key={i} label={a.label} value={a.value} />
      ))}
    </dl>
  );
}

function Pending({ order, walletUrl }: { order: PayPageData; walletUrl: string | null }) {
  const remaining = useCountdown(order.expiresAt);
  return (
    <>
      <Summary order={order} />
      <div className="card" style={{ textAlign: "center" }}>
        {order.channel === "jsapi" ? (
          <JsapiPay orderNo={order.orderNo} />
        ) : order.channel === "h5" ? (
          <H5Pay orderNo={order.orderNo} />
        ) : order.provider === "wechat" && order.codeUrl ? (
          <>
            <h2>请使用微信扫一扫完成支付</h2>
            <div data-testid="qr" data-code-url={order.codeUrl} style={{ display: "inline-block", padding: 12, background: "#fff" }}>
              <QRCodeSVG value={order.codeUrl} size={220} />
            </div>
            {walletUrl && (
              <p>
                <a href={walletUrl} target="_blank" rel="noreferrer">
                  打开模拟器钱包（代替手机扫码）
                </a>
              </p>
            )}
          </>
        ) : order.payUrl ? (
          <>
            <BackFromCashier orderNo={order.orderNo} />
            <h2>请在支付宝完成付款</h2>
            <a className="button" href={order.payUrl} onClick={() => noteLeftForCashier(order.orderNo)}>
              前往支付宝付款
            </a>
          </>
        ) : (
          <p>正在准备支付…</p>
        )}
        <p className="muted" data-testid="countdown" suppressHydrationWarning>
          {remaining > 0 ? `请在 ${formatRemaining(remaining)} 内完成支付` : "支付已超时，正在确认订单状态…"}
        </p>
        <p className="muted">支付完成后本页会自动更新</p>
        <PaidCheckButton orderNo={order.orderNo} />
      </div>
      <SwitchMethod order={order} />
    </>
  );
}

/** Back from the Alipay cashier without a payment (取消付款, 退出 or Back): the order still waits. */
function BackFromCashier({ orderNo }: { orderNo: string }) {
  const [back, setBack] = useState(false);
  useEffect(() => {
    const check = () => setBack(wentToCashier(orderNo));
    check();
    // Back to a page kept in the browser's cache is a pageshow, not a new render.
    window.addEventListener("pageshow", check);
    return () => window.removeEventListener("pageshow", check);
  }, [orderNo]);
  if (!back) return null;
  return (
    <p className="notice-card cashier-back" role="status" data-testid="back-from-cashier">
      尚未完成付款：您已离开支付宝收银台。订单仍为待支付，可再次前往支付宝付款，或改用其他支付方式。若已付款，请稍候或点“我已支付”。
    </p>
  );
}

function Ended({ order, status }: { order: PayPageData; status: string }) {
  const message =
    status === "failed" ? "下单失败，支付平台暂时无法处理，请重新发起支付。" : status === "closed" ? "订单已过期或已关闭，未完成支付。" : STATUS_LABEL[status];
  return (
    <>
      <Summary order={order} />
      <div className="card">
        <h2 className={`status-${status}`}>{STATUS_LABEL[status] ?? status}</h2>
        <p>{message}</p>
        <PayAgainButtons order={order} label="重新支付：" />
      </div>
    </>
  );
}

function SwitchMethod({ order }: { order: PayPageData }) {
  const others = order.methods.filter((m) => m !== order.provider);
  if (!others.length) return null;
  return (
    <div className="card">
      <PayAgainButtons order={order} label="改用" only={others} secondary />
    </div>
  );
}

function PayAgainButtons({ order, label, only, secondary }: { order: PayPageData; label: string; only?: string[]; secondary?: boolean }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { channels } = usePayerChannels();
  const [blocked, setBlocked] = useState<string | null>(null);
  async function payWith(provider: string) {
    // 支付宝 inside WeChat: guidance to open the page in the browser, not a page WeChat blocks.
    const choice = channels?.[provider as keyof typeof channels];
    if (choice && !choice.available) return setBlocked(choice.reason);
    setBusy(true);
    setError(null);
    try {
      const response = await fetch(`/api/payment/orders/${order.orderNo}/pay-again`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ provider }),
      });
      const body = await response.json();
      if (!response.ok) throw new Error(body.error?.message ?? "操作失败");
      if (body.payUrl) {
        noteLeftForCashier(body.orderNo);
        window.location.assign(body.payUrl);
      } else window.location.assign(body.payPageUrl);
    } catch (e) {
      setError(e instanceof Error ? e.message : "操作失败");
      setBusy(false);
    }
  }
  return (
    <div style={{ display: "flex", gap: 8, flexWrap: "wrap" }}>
      {(only ?? order.methods).map((m) => (
        <button key={m} type="button" className={secondary ? "secondary" : undefined} disabled={busy} onClick={() => payWith(m)}>
          {label}
          {METHOD_LABEL[m]}
        </button>
      ))}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {blocked && <OpenInBrowser reason={blocked} />}
    </div>
  );
}

function Receipt({ order }: { order: PayPageData }) {
  return (
    <div className="card" data-testid="receipt">
      <h1 className="status-paid">支付成功</h1>
      <h2>支付凭证</h2>
      <dl className="receipt">
        <dt>表单</dt>
        <dd>{order.formTitle}</dd>
        {order.answers.map((a, i) => (
          <FragmentLine key={i} label={a.label} value={a.value} />
        ))}
        <dt>金额</dt>
        <dd>{formatFen(order.amountFen)}</dd>
        <dt>支付方式</dt>
        <dd>{METHOD_LABEL[order.provider]}</dd>
        <dt>订单号</dt>
        <dd>{order.orderNo}</dd>
        <dt>{order.provider === "wechat" ? "微信支付单号" : "支付宝交易号"}</dt>
        <dd data-testid="platform-trade-no">{order.platformTradeNo}</dd>
        <dt>支付时间</dt>
        <dd>{formatBeijingTime(order.paidAt)}</dd>
      </dl>
      <RefundsList refunds={order.refunds} amountFen={order.amountFen} refundedFen={order.refundedFen} />
    </div>
  );
}

function FragmentLine({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}

function useCountdown(expiresAtIso: string): number {
  const expiresAt = Date.parse(expiresAtIso);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return Math.max(0, expiresAt - now);
}

function formatRemaining(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return `${Math.floor(seconds / 60)} 分 ${String(seconds % 60).padStart(2, "0")} 秒`;
}
