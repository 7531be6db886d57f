"use client";
// 重新查询 and 关闭订单, each confirmed in a modal; both are recorded in the audit log by the server.
import { Alert, App, Button, Space } from "antd";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { adminFetch } from "@/app/admin/admin-fetch";
import { STATUS_LABEL } from "@/lib/ui/format";
import { apiErrorMessage } from "../../api-error";
import { useConsoleRole } from "../../console-role";

export function OrderActions({ orderNo, status }: { orderNo: string; status: string }) {
  const router = useRouter();
  const { modal } = App.useApp();
  const { isAdmin } = useConsoleRole();
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  function run(path: "query" | "close", title: string, content: string, done: (body: { status: string; message?: string }) => string) {
    modal.confirm({
      title,
      content,
      okText: "确定",
      cancelText: "取消",
      okButtonProps: path === "close" ? { danger: true } : undefined,
      onOk: async () => {
        const res = await adminFetch(`/api/admin/orders/${encodeURIComponent(orderNo)}/${path}`, { method: "POST", body: "{}" });
        if (res.ok) setResult({ ok: true, text: done((await res.json()) as { status: string; message?: string }) });
        else setResult({ ok: false, text: await apiErrorMessage(res) });
        router.refresh();
      },
    });
  }

  return (
    <>
      <Space wrap>
        {isAdmin && (
          <Button onClick={() => run("query", "重新查询", "向支付平台查询这笔订单的最新状态。", (b) => `平台答复已处理，当前状态：${STATUS_LABEL[b.status] ?? "未知"}`)}>
            重新查询
          </Button>
        )}
        {isAdmin && status === "pending" && (
          <Button danger onClick={() => run("close", "关闭订单", "先在支付平台关闭这笔交易，付款人将不能再付款；若平台显示已支付，则按已支付处理。", (b) => b.message ?? "已处理")}>
            关闭订单
          </Button>
        )}
      </Space>
      {result && <Alert role="status" type={result.ok ? "success" : "error"} title={result.text} showIcon style={{ marginTop: 12 }} />}
    </>
  );
}
