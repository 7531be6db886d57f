"use client";
import { App, Button, Space, Typography } from "antd";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { adminFetch } from "../../../admin-fetch";

export function FormActions({ formId, status }: { formId: number; status: "draft" | "published" | "closed" }) {
  const router = useRouter();
  const { modal } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function confirmClose() {
    modal.confirm({
      title: "关闭这个表单？",
      content: "关闭后付款人将无法再提交；已提交和已支付的不受影响，可随时重新发布。",
      okText: "关闭表单",
      okButtonProps: { danger: true },
      cancelText: "取消",
      onOk: () => act("close"),
    });
  }

  async function act(action: "publish" | "close" | "duplicate") {
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
    <Space wrap>
      <Link href={`/admin/forms/${formId}/preview`}>
        <Button tabIndex={-1}>预览</Button>
      </Link>
      <Link href={`/admin/forms/${formId}/submissions`}>
        <Button tabIndex={-1}>提交记录</Button>
      </Link>
      <Button disabled={busy} onClick={() => act("duplicate")}>
        复制
      </Button>
      {status === "published" ? (
        <Button danger disabled={busy} onClick={confirmClose}>
          关闭
        </Button>
      ) : (
        <Button type="primary" disabled={busy} onClick={() => act("publish")}>
          {status === "closed" ? "重新发布" : "发布"}
        </Button>
      )}
      {error && (
        <Typography.Text type="danger" role="alert">
          {error}
        </Typography.Text>
      )}
    </Space>
  );
}
