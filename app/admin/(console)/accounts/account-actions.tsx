"use client";
import { App, Button } from "antd";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { adminFetch } from "@/app/admin/admin-fetch";
import { apiErrorMessage } from "../api-error";

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
      <Button size="small" onClick={run} loading={busy}>
        测试连接
      </Button>
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
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState(false);
  async function save() {
    setBusy(true);
    const res = await adminFetch(`/api/admin/accounts/${id}`, { method: "PATCH", body: JSON.stringify({ enabled: !enabled }) });
    setBusy(false);
    if (!res.ok) message.error(await apiErrorMessage(res));
    else message.success(enabled ? "已停用" : "已启用");
    router.refresh();
  }
  function toggle() {
    if (!enabled) return void save();
    modal.confirm({
      title: "停用该收款账户？",
      content:
        formsUsing > 0
          ? `有 ${formsUsing} 个表单使用该账户收款。停用后这些表单不能再用它发起新的支付；已发起、未完成的订单仍会照常确认（通知与查询不受影响）。`
          : "停用后该账户不能再发起新的支付；已发起、未完成的订单仍会照常确认。",
      okText: "停用",
      okButtonProps: { danger: true },
      cancelText: "取消",
      onOk: save,
    });
  }
  return (
    <Button size="small" danger={enabled} onClick={toggle} loading={busy}>
      {enabled ? "停用" : "启用"}
    </Button>
  );
}
