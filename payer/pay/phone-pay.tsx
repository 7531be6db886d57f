"use client";

// Paying on a phone: JSAPI through WeChat's JS bridge (inside WeChat), and H5 (phone browsers).
// Neither the bridge's ok nor coming back from H5 proves a payment: the page shows 支付成功 only
// once the order's status (pushed or polled by the pay page) says the platform confirmed it.
import { useCallback, useEffect, useRef, useState } from "react";
import type { JsapiPayParams } from "@/lib/payments/types";
import { usePayerChannels } from "./payer-channels";

interface WeixinJSBridge {
  invoke(name: "getBrandWCPayRequest", params: JsapiPayParams, cb: (res: { err_msg?: string; err_desc?: string }) => void): void;
}
declare global {
  interface Window {
    WeixinJSBridge?: WeixinJSBridge;
  }
}

async function resume(orderNo: string): Promise<{ jsapi?: JsapiPayParams; payUrl?: string }> {
  const response = await fetch(`/api/payment/orders/${encodeURIComponent(orderNo)}/resume`, { method: "POST", cache: "no-store" });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(body?.error?.message ?? "暂时无法发起支付，请稍后重试");
  return body;
}

/** One platform query now (the payer's own "I paid"), throttled per order on the server. */
async function checkNow(orderNo: string): Promise<string | null> {
  const response = await fetch(`/api/payment/orders/${encodeURIComponent(orderNo)}/check`, { method: "POST", cache: "no-store" });
  const body = await response.json().catch(() => null);
  return response.ok ? (body?.status ?? null) : null;
}

/** The bridge, once WeChat (or the emulator's script) has defined it; null after waitMs. */
function whenBridgeReady(waitMs: number): Promise<WeixinJSBridge | null> {
  return new Promise((resolve) => {
    if (window.WeixinJSBridge) return resolve(window.WeixinJSBridge);
    const done = () => {
      clearTimeout(timer);
      document.removeEventListener("WeixinJSBridgeReady", done);
      resolve(window.WeixinJSBridge ?? null);
    };
    const timer = setTimeout(done, waitMs);
    document.addEventListener("WeixinJSBridgeReady", done);
  });
}

type JsapiState = { step: "starting" } | { step: "sheet" } | { step: "confirming" } | { step: "cancelled" } | { step: "failed"; message: string } | { step: "no_bridge" };

export function JsapiPay({ orderNo }: { orderNo: string }) {
  const [state, setState] = useState<JsapiState>({ step: "starting" });
  const started = useRef(false);

  const pay = useCallback(async () => {
    setState({ step: "starting" });
    try {
      const [bridge, params] = await Promise.all([whenBridgeReady(5000), resume(orderNo)]);
      if (!bridge) return setState({ step: "no_bridge" });
      if (!params.jsapi) return setState({ step: "failed", message: "暂时无法发起支付，请刷新页面" });
      setState({ step: "sheet" });
      bridge.invoke("getBrandWCPayRequest", params.jsapi, (res) => {
        const result = res.err_msg ?? "";
        if (result.endsWith(":ok")) {
          // Not proof of payment: ask the platform once; the page turns to 支付成功 when it is confirmed.
          setState({ step: "confirming" });
          void checkNow(orderNo);
        } else if (result.endsWith(":cancel")) setState({ step: "cancelled" });
        else setState({ step: "failed", message: res.err_desc ? `支付未完成：${res.err_desc}` : "支付未完成，请重试" });
      });
    } catch (error) {
      setState({ step: "failed", message: error instanceof Error ? error.message : "暂时无法发起支付" });
    }
  }, [orderNo]);

  // Arriving on the page opens the pay sheet at once, as WeChat merchants' pages do.
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void pay();
  }, [pay]);

  return (
    <div data-testid="jsapi-pay" data-step={state.step}>
      <h2>微信支付</h2>
      {state.step === "starting" && <p className="muted">正在调起微信支付…</p>}
      {state.step === "sheet" && <p className="muted">请在弹出的微信支付窗口中确认付款</p>}
      {state.step === "confirming" && <p role="status">正在确认支付结果，请稍候…</p>}
      {state.step === "cancelled" && <p role="status">已取消支付，订单仍可继续支付。</p>}
      {state.step === "failed" && (
        <p className="error-text" role="alert">
          {state.message}
        </p>
      )}
      {state.step === "no_bridge" && (
        <p role="alert">未检测到微信支付环境：请在微信中打开本页面，或改用其他支付方式。</p>
      )}
      {(state.step === "cancelled" || state.step === "failed" || state.step === "no_bridge") && (
        <button type="button" onClick={() => void pay()}>
          继续支付
        </button>
      )}
    </div>
  );
}

/**
 * H5: go to WeChat's cashier with a fresh link (h5_url lasts 5 minutes). Coming back (?from=h5)
 * WeChat does not say whether the payer paid, so the page asks and checks the order.
 */
export function H5Pay({ orderNo }: { orderNo: string }) {
  const { backFromH5 } = usePayerChannels();
  const [asking, setAsking] = useState(backFromH5);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function go() {
    setBusy(true);
    setMessage(null);
    try {
      const { payUrl } = await resume(orderNo);
      if (!payUrl) throw new Error("暂时无法发起支付，请刷新页面");
      window.location.assign(payUrl);
    } catch (error) {
      setMessage(error instanceof Error ? error.message : "暂时无法发起支付");
      setBusy(false);
    }
  }

  async function confirmPaid() {
    setBusy(true);
    setMessage(null);
    const status = await checkNow(orderNo);
    setBusy(false);
    setAsking(false);
    // "paid" re-renders the page as the receipt; otherwise the payer may try again.
    if (status !== "paid") setMessage("暂未查询到支付结果。若已付款，请稍候，本页会自动更新；若未付款，请重新支付。");
  }

  if (asking) {
    return (
      <div role="dialog" aria-label="请确认微信支付是否已完成" data-testid="h5-confirm">
        <h2>请确认微信支付是否已完成</h2>
        <div style={{ display: "flex", flexDirection: "column", gap: 8 }}>
          <button type="button" disabled={busy} onClick={() => void confirmPaid()}>
            已完成支付
          </button>
          <button type="button" className="secondary" disabled={busy} onClick={() => void go()}>
            支付遇到问题，重新支付
          </button>
        </div>
        {message && (
          <p className="error-text" role="alert">
            {message}
          </p>
        )}
      </div>
    );
  }
  return (
    <div data-testid="h5-pay">
      <h2>微信支付</h2>
      <button type="button" disabled={busy} onClick={() => void go()}>
        {busy ? "正在前往微信支付…" : "前往微信支付"}
      </button>
      {message && <p role="status">{message}</p>}
    </div>
  );
}
