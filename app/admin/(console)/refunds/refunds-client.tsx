"use client";
// The 退款 page: every refund, newest first, filtered by status, method and date, a keyset page at a time.
import { Alert, Button, DatePicker, Form, Input, Select, Space, Table, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import Link from "next/link";
import { useEffect, useState } from "react";
import { adminFetch } from "@/app/admin/admin-fetch";
import type { RefundListItem } from "@/lib/admin/refunds";
import { formatBeijingTime, METHOD_LABEL } from "@/lib/ui/format";
import { REFUND_TAG_COLOR } from "../orders/[orderNo]/refund-panel";

interface Filters {
  status?: string;
  provider?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
  orderNo?: string;
}

const STATUS_OPTIONS = [
  { value: "processing", label: "退款处理中" },
  { value: "succeeded", label: "退款成功" },
  { value: "closed", label: "退款关闭" },
  { value: "abnormal", label: "退款异常" },
  { value: "pending", label: "待提交" },
];

function queryOf(filters: Filters, cursor: string | null): string {
  const q = new URLSearchParams();
  if (filters.status) q.set("status", filters.status);
  if (filters.provider) q.set("provider", filters.provider);
  if (filters.range?.[0]) q.set("from", filters.range[0].format("YYYY-MM-DD"));
  if (filters.range?.[1]) q.set("to", filters.range[1].format("YYYY-MM-DD"));
  if (filters.orderNo?.trim()) q.set("orderNo", filters.orderNo.trim());
  if (cursor) q.set("cursor", cursor);
  return q.toString();
}

async function fetchPage(query: string): Promise<{ items: RefundListItem[] | null; next: string | null; error: string | null }> {
  try {
    const res = await adminFetch(`/api/admin/refunds?${query}`);
    const body = await res.json().catch(() => null);
    if (!res.ok) return { items: null, next: null, error: body?.error?.details?.[0]?.issue ?? body?.error?.message ?? `读取失败（${res.status}）` };
    return { items: body.items, next: body.nextCursor, error: null };
  } catch {
    return { items: null, next: null, error: "网络错误，请重试" };
  }
}

export function RefundsClient() {
  const [filters, setFilters] = useState<Filters>({});
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [page, setPage] = useState<{ key: string; items: RefundListItem[]; next: string | null; error: string | null } | null>(null);
  const key = queryOf(filters, cursors[cursors.length - 1]);
  const loading = page?.key !== key;
  const items = page?.items ?? [];
  const next = page && !loading ? page.next : null;
  const error = page?.error ?? null;

  useEffect(() => {
    let cancelled = false;
    void fetchPage(key).then((result) => {
      if (!cancelled) setPage((previous) => ({ key, items: result.items ?? previous?.items ?? [], next: result.next, error: result.error }));
    });
    return () => {
      cancelled = true;
    };
  }, [key]);

  const columns = [
    { title: "退款单号", dataIndex: "refundNo", key: "refundNo", render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    {
      title: "订单号",
      dataIndex: "orderNo",
      key: "orderNo",
      render: (v: string) => <Link href={`/admin/orders/${v}`}>{v}</Link>,
    },
    { title: "表单", dataIndex: "formTitle", key: "formTitle", ellipsis: true },
    { title: "支付方式", dataIndex: "provider", key: "provider", render: (v: string) => METHOD_LABEL[v] ?? v },
    { title: "退款金额", dataIndex: "amount", key: "amount", align: "right" as const },
    {
      title: "状态",
      key: "status",
      render: (_: unknown, r: RefundListItem) => (
        <>
          <Tag color={REFUND_TAG_COLOR[r.status]}>{r.statusText}</Tag>
          {r.advice && <div className="muted">{r.advice}</div>}
        </>
      ),
    },
    { title: "原因", dataIndex: "reason", key: "reason", ellipsis: true },
    { title: "申请人", dataIndex: "requestedBy", key: "requestedBy" },
    { title: "申请时间", dataIndex: "createdAt", key: "createdAt", render: (v: string) => formatBeijingTime(v) },
    { title: "成功时间", dataIndex: "succeededAt", key: "succeededAt", render: (v: string | null) => formatBeijingTime(v) },
  ];

  return (
    <>
      <Form<Filters>
        layout="inline"
        onFinish={(values) => {
          setFilters(values);
          setCursors([null]);
        }}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item name="status" label="状态">
          <Select allowClear placeholder="全部" options={STATUS_OPTIONS} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="provider" label="支付方式">
          <Select
            allowClear
            placeholder="全部"
            options={[
              { value: "wechat", label: "微信支付" },
              { value: "alipay", label: "支付宝" },
            ]}
            style={{ width: 120 }}
          />
        </Form.Item>
        <Form.Item name="range" label="申请日期">
          <DatePicker.RangePicker placeholder={["开始日期", "结束日期"]} />
        </Form.Item>
        <Form.Item name="orderNo" label="订单号">
          <Input allowClear style={{ width: 240 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" autoInsertSpace={false}>
            筛选
          </Button>
        </Form.Item>
      </Form>
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} />}
      <Table<RefundListItem>
        rowKey="refundNo"
        columns={columns}
        dataSource={items}
        loading={loading}
        pagination={false}
        locale={{ emptyText: "没有符合条件的退款" }}
        scroll={{ x: "max-content" }}
      />
      <Space style={{ marginTop: 16 }}>
        <Button disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          上一页
        </Button>
        <Button disabled={!next} onClick={() => next && setCursors([...cursors, next])}>
          下一页
        </Button>
      </Space>
    </>
  );
}
