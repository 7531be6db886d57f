"use client";
// The order's refunds, and the 退款 action: an amount in yuan (the refundable remainder by
// default, converted exactly with parseYuan), a reason, and a confirmation naming amount and payer.
import { Alert, Button, Form, Input, Modal, Table, Tag, Typography } from "antd";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import { adminFetch } from "@/app/admin/admin-fetch";
import type { OrderRefunds, OrderRefundView } from "@/lib/admin/refunds";
import { formatFen, parseYuan, toYuan } from "@/lib/money";
import { formatBeijingTime } from "@/lib/ui/format";
import { useConsoleRole } from "../../console-role";

export const REFUND_TAG_COLOR: Record<string, string> = {
  pending: "processing",
  processing: "processing",
  succeeded: "success",
  closed: "default",
  abnormal: "error",
};

function yuanToFen(text: string): number | null {
  try {
    return parseYuan(text.trim());
  } catch {
    return null;
  }
}

async function fetchRefunds(orderNo: string): Promise<{ data: OrderRefunds | null; error: string | null }> {
  try {
    const res = await adminFetch(`/api/admin/orders/${encodeURIComponent(orderNo)}/refunds`);
    const body = await res.json().catch(() => null);
    return res.ok ? { data: body as OrderRefunds, error: null } : { data: null, error: body?.error?.message ?? `读取退款失败（${res.status}）` };
  } catch {
    return { data: null, error: "网络错误，读取退款失败" };
  }
}

export function RefundPanel({ orderNo }: { orderNo: string }) {
  const { isAdmin } = useConsoleRole(); // a 查看者 sees the refunds, not the button
  const router = useRouter();
  const [data, setData] = useState<OrderRefunds | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState<{ amountFen: number; reason: string } | null>(null);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ amount: string; reason: string }>();

  const load = useCallback(async () => {
    const result = await fetchRefunds(orderNo);
    if (result.data) setData(result.data);
    setLoadError(result.error);
  }, [orderNo]);

  useEffect(() => {
    let cancelled = false;
    void fetchRefunds(orderNo).then((result) => {
      if (cancelled) return;
      if (result.data) setData(result.data);
      setLoadError(result.error);
    });
    return () => {
      cancelled = true;
    };
  }, [orderNo]);

  // While a refund is in flight, look again every few seconds (and refresh the timeline).
  const inFlight = data?.refunds.some((r) => r.status === "pending" || r.status === "processing") ?? false;
  useEffect(() => {
    if (!inFlight) return;
    const timer = setInterval(() => {
      void load().then(() => router.refresh());
    }, 2000);
    return () => clearInterval(timer);
  }, [inFlight, load, router]);

  function openForm() {
    setSubmitError(null);
    setConfirming(null);
    form.setFieldsValue({ amount: data ? toYuan(data.refundableFen) : "", reason: "" });
    setOpen(true);
  }

  async function submit() {
    if (!confirming) return;
    setBusy(true);
    setSubmitError(null);
    try {
      const res = await adminFetch(`/api/admin/orders/${encodeURIComponent(orderNo)}/refunds`, {
        method: "POST",
        body: JSON.stringify(confirming),
      });
      const body = await res.json().catch(() => null);
      if (!res.ok) {
        setSubmitError(body?.error?.details?.[0]?.issue && res.status === 422 ? body.error.details[0].issue : (body?.error?.message ?? `退款失败（${res.status}）`));
        setConfirming(null);
        return;
      }
      setOpen(false);
      setConfirming(null);
      await load();
      router.refresh();
    } catch {
      setSubmitError("网络错误，请重试（同一笔退款不会重复退出）");
    } finally {
      setBusy(false);
    }
  }

  const columns = [
    { title: "退款单号", dataIndex: "refundNo", key: "refundNo", render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: "金额", dataIndex: "amount", key: "amount", align: "right" as const },
    {
      title: "状态",
      key: "status",
      render: (_: unknown, r: OrderRefundView) => (
        <>
          <Tag color={REFUND_TAG_COLOR[r.status]}>{r.statusText}</Tag>
          {r.advice && <div className="muted">{r.advice}</div>}
          {r.failureReason && r.status === "closed" && <div className="muted">{r.failureReason}</div>}
        </>
      ),
    },
    { title: "原因", dataIndex: "reason", key: "reason", ellipsis: true },
    { title: "申请人", dataIndex: "requestedBy", key: "requestedBy" },
    { title: "申请时间", dataIndex: "createdAt", key: "createdAt", render: (v: string) => formatBeijingTime(v) },
    { title: "退款成功时间", dataIndex: "succeededAt", key: "succeededAt", render: (v: string | null) => formatBeijingTime(v) },
  ];

  return (
    <section className="card" aria-label="退款">
      <h2>退款</h2>
      {loadError && <Alert type="error" title={loadError} showIcon />}
      {data && (
        <>
          <p>
            已退款 {formatFen(data.refundedFen)}
            {data.refundingFen > 0 && <>，处理中 {formatFen(data.refundingFen)}</>}，可退 {formatFen(data.refundableFen)}{" "}
            {isAdmin && (
              <Button type="primary" danger autoInsertSpace={false} onClick={openForm} disabled={data.refundableFen === 0}>
                退款
              </Button>
            )}
          </p>
          <Table<OrderRefundView>
            rowKey="refundNo"
            size="small"
            columns={columns}
            dataSource={data.refunds}
            pagination={false}
            locale={{ emptyText: "暂无退款" }}
          />
        </>
      )}
      <Modal
        title={confirming ? "确认退款" : "退款"}
        open={open}
        onCancel={() => setOpen(false)}
        okText={confirming ? "确认退款" : "下一步"}
        cancelText="取消"
        okButtonProps={{ danger: true, loading: busy }}
        onOk={() => (confirming ? void submit() : form.submit())}
        destroyOnHidden
      >
        {confirming && data ? (
          <p role="alert">
            将向付款人 <strong>{data.payer}</strong> 退款 <strong>{formatFen(confirming.amountFen)}</strong>，原路退回其支付账户，提交后不能撤回。
          </p>
        ) : (
          <Form
            form={form}
            layout="vertical"
            onFinish={(values) => setConfirming({ amountFen: yuanToFen(values.amount)!, reason: values.reason.trim() })}
          >
            <Form.Item
              label="退款金额（元）"
              name="amount"
              rules={[
                {
                  validator: async (_, value: string) => {
                    const fen = yuanToFen(value ?? "");
                    if (fen === null || fen <= 0) throw new Error("请输入大于 0 的金额，最多两位小数");
                    if (data && fen > data.refundableFen) throw new Error(`最多可退 ${formatFen(data.refundableFen)}`);
                  },
                },
              ]}
            >
              <Input inputMode="decimal" prefix="¥" autoComplete="off" />
            </Form.Item>
            <Form.Item
              label="退款原因（付款人可见）"
              name="reason"
              rules={[
                { required: true, whitespace: true, message: "请填写退款原因" },
                { max: 80, message: "退款原因最多 80 个字" },
              ]}
            >
              <Input.TextArea rows={2} maxLength={80} showCount />
            </Form.Item>
          </Form>
        )}
        {submitError && <Alert type="error" title={submitError} showIcon />}
      </Modal>
    </section>
  );
}
