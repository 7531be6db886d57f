"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { adminFetch } from "@/app/admin/admin-fetch";
import { STATUS_LABEL } from "@/lib/ui/format";

export function RequeryButton({ orderNo }: { orderNo: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function requery() {
    setBusy(true);
    setMessage(null);
    try {
      const res = await adminFetch(`/api/admin/orders/${encodeURIComponent(orderNo)}/query`, { method: "POST" });
      const body = await res.json().catch(() => null);
      if (res.ok) setMessage({ ok: true, text: `平台答复已处理，当前状态：${STATUS_LABEL[body.status] ?? body.status}` });
      else setMessage({ ok: false, text: body?.error?.message ?? `查询失败（${res.status}）` });
      router.refresh();
    } catch {
      setMessage({ ok: false, text: "网络错误，请重试" });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" className="secondary" onClick={requery} disabled={busy}>
        {busy ? "查询中…" : "重新查询"}
      </button>
      {message && (
        <span role="status" className={message.ok ? "status-paid" : "error-text"} style={{ marginLeft: 8 }}>
          {message.text}
        </span>
      )}
    </>
  );
}
