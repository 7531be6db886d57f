"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { adminFetch } from "../../../admin-fetch";

export function FormActions({ formId, status }: { formId: number; status: "draft" | "published" | "closed" }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function act(action: "publish" | "close" | "duplicate") {
    if (action === "close" && !window.confirm("关闭后付款人将无法再提交，确定关闭吗？")) return;
    setBusy(true);
    setError(null);
    try {
      const res = await adminFetch(`/api/admin/forms/${formId}/${action}`, { method: "POST" });
      const body = await res.json().catch(() => null);
      if (!res.ok) {
        setError(body?.error?.message ?? "操作失败，请稍后再试");
        return;
      }
      if (action === "duplicate") router.push(`/admin/forms/${body.id}`);
      else router.refresh();
    } catch {
      setError("网络错误，请稍后再试");
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Link href={`/admin/forms/${formId}/preview`} className="button secondary">
        预览
      </Link>
      <Link href={`/admin/forms/${formId}/submissions`} className="button secondary">
        提交记录
      </Link>
      <button type="button" className="secondary" disabled={busy} onClick={() => act("duplicate")}>
        复制
      </button>
      {status === "published" ? (
        <button type="button" className="danger" disabled={busy} onClick={() => act("close")}>
          关闭
        </button>
      ) : (
        <button type="button" disabled={busy} onClick={() => act("publish")}>
          {status === "closed" ? "重新发布" : "发布"}
        </button>
      )}
      {error && (
        <span className="error-text" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
