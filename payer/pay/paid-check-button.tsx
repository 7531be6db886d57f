"use client";
// 我已支付: the payer asks us to check with the platform now (the server throttles it per order).
import { useState } from "react";
import { useSWRConfig } from "swr";
import type { OrderStatusView } from "@/lib/payments/order-view";
import { statusKey } from "./use-live-status";

const PAUSE_MS = 3_000;

export function PaidCheckButton({ orderNo }: { orderNo: string }) {
  const { mutate } = useSWRConfig();
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  async function check() {
    setBusy(true);
    setNote(null);
    try {
      const response = await fetch(`${statusKey(orderNo)}/check`, { method: "POST" });
      const body = (await response.json()) as OrderStatusView & { error?: { message?: string } };
      if (!response.ok) throw new Error(body.error?.message ?? "查询失败，请稍后再试");
      await mutate(statusKey(orderNo), body, { revalidate: false });
      if (body.status === "pending") setNote("暂未查到支付结果，如已付款请稍候，本页会自动更新");
    } catch (e) {
      setNote(e instanceof Error ? e.message : "查询失败，请稍后再试");
    } finally {
      setTimeout(() => setBusy(false), PAUSE_MS);
    }
  }
  return (
    <p>
      <button type="button" className="secondary" disabled={busy} onClick={check}>
        我已支付
      </button>
      {note && (
        <span className="muted" role="status" style={{ marginLeft: 8 }}>
          {note}
        </span>
      )}
    </p>
  );
}
