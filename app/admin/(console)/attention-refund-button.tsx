"use client";
// "needs attention": a late or duplicate payment is refunded whole in one step (after a confirmation).
import { Button, Modal } from "antd";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { adminFetch } from "@/app/admin/admin-fetch";
import { formatFen } from "@/lib/money";
import { useConsoleRole } from "./console-role";

export function AttentionRefundButton({ orderNo, amountFen, late }: { orderNo: string; amountFen: number; late: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const { isAdmin } = useConsoleRole();

  function confirm() {
    Modal.confirm({
      title: "全额退款",
      content: `将 ${formatFen(amountFen)} 全额退回付款人（订单 ${orderNo}，${late ? "迟到支付" : "重复支付"}），提交后不能撤回。`,
      okText: "确认退款",
      okButtonProps: { danger: true },
      cancelText: "取消",
      onOk: async () => {
        setBusy(true);
        try {
          const res = await adminFetch(`/api/admin/orders/${encodeURIComponent(orderNo)}/refunds`, {
            method: "POST",
            body: JSON.stringify({ amountFen, reason: late ? "订单关闭后才到账的付款，原路退回" : "重复支付，原路退回" }),
          });
          const body = await res.json().catch(() => null);
          setResult(res.ok ? "已提交全额退款" : (body?.error?.message ?? `退款失败（${res.status}）`));
          router.refresh();
        } finally {
          setBusy(false);
        }
      },
    });
  }

  if (!isAdmin) return null; // a 查看者 cannot refund
  return (
    <>
      <Button size="small" danger loading={busy} onClick={confirm}>
        全额退款
      </Button>
      {result && <span role="status"> {result}</span>}
    </>
  );
}
