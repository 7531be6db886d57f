"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { adminFetch } from "@/app/admin/admin-fetch";

interface Report {
  ok: boolean;
  verdict: string;
  hint: string | null;
  detail: string | null;
  elapsedMs: number;
}

/** "测试连接": one real signed query to the platform, reported in words. */
export function TestConnectionButton({ id }: { id: string }) {
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run() {
    setBusy(true);
    setReport(null);
    setError(null);
    try {
      const res = await adminFetch(`/api/admin/accounts/${id}/test`, { method: "POST" });
      const body = await res.json().catch(() => null);
      if (res.ok) setReport(body);
      else setError(body?.error?.message ?? `测试失败（${res.status}）`);
    } catch {
      setError("网络错误，请重试");
    } finally {
      setBusy(false);
    }
  }

  return (
    <span>
      <button type="button" className="secondary small" onClick={run} disabled={busy}>
        {busy ? "测试中…" : "测试连接"}
      </button>
      {report && (
        <span role="status" className={report.ok ? "status-paid" : "error-text"} title={report.detail ?? undefined}>
          {" "}
          {report.ok ? "✓ " : "✗ "}
          {report.verdict}
          {report.hint ? `：${report.hint}` : ""}
          <span className="muted">（{report.elapsedMs} 毫秒）</span>
        </span>
      )}
      {error && <span role="status" className="error-text"> {error}</span>}
    </span>
  );
}

export function EnableToggle({ id, enabled, formsUsing }: { id: number; enabled: boolean; formsUsing: number }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  async function toggle() {
    if (enabled) {
      const warning =
        formsUsing > 0
          ? `有 ${formsUsing} 个表单使用该账户收款。停用后这些表单无法用它收款，未完成订单的通知也无法验证。确定停用？`
          : "停用后该账户不能再收款。确定停用？";
      if (!window.confirm(warning)) return;
    }
    setBusy(true);
    const res = await adminFetch(`/api/admin/accounts/${id}`, { method: "PATCH", body: JSON.stringify({ enabled: !enabled }) });
    setBusy(false);
    if (!res.ok) window.alert((await res.json().catch(() => null))?.error?.message ?? "操作失败");
    router.refresh();
  }
  return (
    <button type="button" className={enabled ? "secondary small" : "small"} onClick={toggle} disabled={busy}>
      {enabled ? "停用" : "启用"}
    </button>
  );
}
