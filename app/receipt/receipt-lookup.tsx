"use client";
import { useState } from "react";

export function ReceiptLookup() {
  const [orderNo, setOrderNo] = useState("");
  const [phoneLast4, setPhoneLast4] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await fetch("/api/payment/receipt-lookup", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ orderNo, phoneLast4 }) });
      const body = await res.json();
      if (res.ok) return window.location.assign(body.payPageUrl);
      setError(body.error?.details?.[0]?.issue ?? body.error?.message ?? "查询失败，请稍后重试");
    } catch {
      setError("网络异常，请稍后重试");
    }
    setBusy(false);
  }
  return (
    <form onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor="r-order">订单号</label>
        <input id="r-order" type="text" inputMode="numeric" autoComplete="off" value={orderNo} onChange={(e) => setOrderNo(e.target.value.trim())} />
      </div>
      <div className="field">
        <label htmlFor="r-phone">手机号后四位</label>
        <input id="r-phone" type="text" inputMode="numeric" maxLength={4} autoComplete="off" value={phoneLast4} onChange={(e) => setPhoneLast4(e.target.value)} />
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? "正在查找…" : "查找收据"}
      </button>
    </form>
  );
}
