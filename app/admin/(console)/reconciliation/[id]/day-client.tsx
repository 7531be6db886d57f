"use client";
// One reconciled day: the bill's totals beside ours, its differences with 以平台为准 / 标记已处理,
// 重新对账, and the exports.
import { Alert, Button, Card, Descriptions, Input, Modal, Space, Table, Tag, Typography } from "antd";
import Link from "next/link";
import { useState } from "react";
import { adminFetch } from "@/app/admin/admin-fetch";
import type { DayView, DifferenceView } from "@/lib/reconciliation/views";
import { formatBeijingTime, formatFen } from "@/lib/ui/format";
import { apiErrorMessage } from "../../api-error";
import { DayStatusTag } from "../status-tag";

const fen = (v: number | undefined) => (v === undefined ? "—" : formatFen(v));

export function DayClient({ initial, canWrite }: { initial: DayView; canWrite: boolean }) {
  const [day, setDay] = useState(initial);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ type: "success" | "error"; text: string } | null>(null);
  const [noteFor, setNoteFor] = useState<DifferenceView | null>(null);
  const [note, setNote] = useState("");

  async function call(key: string, url: string, body: unknown, done: string) {
    setBusy(key);
    setNotice(null);
    try {
      const res = await adminFetch(url, { method: "POST", body: JSON.stringify(body) });
      if (!res.ok) {
        setNotice({ type: "error", text: await apiErrorMessage(res) });
        return false;
      }
      setDay((await res.json()) as DayView);
      setNotice({ type: "success", text: done });
      return true;
    } catch {
      setNotice({ type: "error", text: "网络错误，请重试" });
      return false;
    } finally {
      setBusy(null);
    }
  }

  const rerun = () =>
    call("rerun", "/api/admin/reconciliation", { provider: day.provider, date: day.date, ...(day.accountId !== null ? { accountId: day.accountId } : {}) }, "已重新对账");
  const takePlatform = (d: DifferenceView) => call(`platform-${d.id}`, `/api/admin/reconciliation/differences/${d.id}/resolve`, { action: "platform" }, `订单 ${d.orderNo} 已按平台结果更新`);
  async function markHandled() {
    if (!noteFor) return;
    if (await call(`handled-${noteFor.id}`, `/api/admin/reconciliation/differences/${noteFor.id}/resolve`, { action: "handled", note }, "已标记处理")) {
      setNoteFor(null);
      setNote("");
    }
  }

  const columns = [
    { title: "差异类型", dataIndex: "kindText", key: "kind", render: (v: string) => <Tag color="error">{v}</Tag> },
    { title: "商户订单号", dataIndex: "orderNo", key: "orderNo", render: (v: string) => <Link href={`/admin/orders/${v}`}>{v}</Link> },
    { title: "平台交易号", dataIndex: "platformTradeNo", key: "trade", ellipsis: true, render: (v?: string) => v ?? "—" },
    { title: "退款单号", dataIndex: "refundNo", key: "refund", render: (v?: string) => v ?? "—" },
    { title: "我方金额", dataIndex: "ourAmountFen", key: "ours", align: "right" as const, render: fen },
    { title: "平台金额", dataIndex: "platformAmountFen", key: "platform", align: "right" as const, render: fen },
    {
      title: "处理",
      key: "resolution",
      render: (_: unknown, d: DifferenceView) =>
        d.resolved ? (
          <Space direction="vertical" size={0}>
            <Tag color="success">{d.resolutionText}</Tag>
            <Typography.Text type="secondary">
              {d.resolvedByName} · {formatBeijingTime(d.resolvedAt)}
            </Typography.Text>
            {d.resolutionNote && <Typography.Text>{d.resolutionNote}</Typography.Text>}
          </Space>
        ) : canWrite ? (
          <Space wrap>
            {d.kind === "missing_local" && (
              <Button size="small" type="primary" loading={busy === `platform-${d.id}`} onClick={() => void takePlatform(d)}>
                以平台为准
              </Button>
            )}
            <Button size="small" onClick={() => setNoteFor(d)}>
              标记已处理
            </Button>
          </Space>
        ) : (
          <Tag>待处理</Tag>
        ),
    },
  ];

  const { bill, ours } = day.totals;
  return (
    <>
      <Space wrap align="center" style={{ marginBottom: 16 }}>
        <Link href="/admin/reconciliation">← 对账</Link>
        <Typography.Title level={1} style={{ margin: 0 }}>
          {day.date} {day.providerText}对账
        </Typography.Title>
        <span data-testid="day-status">
          <DayStatusTag status={day.status} />
        </span>
      </Space>
      <Space wrap style={{ marginBottom: 16 }}>
        {canWrite && (
          <Button loading={busy === "rerun"} onClick={() => void rerun()}>
            重新对账
          </Button>
        )}
        {canWrite && (
          <>
            <Button href={`/api/admin/reconciliation/days/${day.id}/export?format=xlsx`}>导出 Excel</Button>
            <Button href={`/api/admin/reconciliation/days/${day.id}/export?format=csv`}>导出 CSV</Button>
          </>
        )}
      </Space>
      {notice && <Alert type={notice.type} showIcon message={notice.text} style={{ marginBottom: 16 }} closable onClose={() => setNotice(null)} />}
      {day.message && <Alert type={day.status === "failed" ? "error" : "info"} showIcon message={day.message} style={{ marginBottom: 16 }} />}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
          <Descriptions.Item label="收款账户">{day.accountName}</Descriptions.Item>
          <Descriptions.Item label="对账时间">{formatBeijingTime(day.ranAt)}</Descriptions.Item>
          <Descriptions.Item label="笔数">
            平台 {bill.count} / 我方 {ours.count}
          </Descriptions.Item>
          <Descriptions.Item label="收款">
            平台 {formatFen(bill.paymentFen)} / 我方 {formatFen(ours.paymentFen)}
          </Descriptions.Item>
          <Descriptions.Item label="退款">
            平台 {formatFen(bill.refundFen)} / 我方 {formatFen(ours.refundFen)}
          </Descriptions.Item>
          <Descriptions.Item label="手续费">{formatFen(bill.feeFen)}</Descriptions.Item>
          <Descriptions.Item label="净额">{formatFen(bill.netFen)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Table rowKey="id" columns={columns} dataSource={day.differences} pagination={false} scroll={{ x: true }} locale={{ emptyText: "没有差异" }} />
      <Modal
        title={noteFor ? `标记已处理：${noteFor.kindText} ${noteFor.orderNo}` : ""}
        open={noteFor !== null}
        okText="确定"
        cancelText="取消"
        confirmLoading={busy?.startsWith("handled-")}
        okButtonProps={{ disabled: !note.trim() }}
        onOk={() => void markHandled()}
        onCancel={() => setNoteFor(null)}
      >
        <Input.TextArea rows={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} placeholder="处理说明（必填），如：已联系平台核实" aria-label="处理说明" />
      </Modal>
    </>
  );
}
