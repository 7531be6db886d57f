"use client";
// The order list on Ant Design: filters with a date-range picker, a table whose first column
// (the order number) stays put and whose long numbers are cut with an ellipsis (full on hover,
// copyable), sorting within the page, keyset pages, and 导出 as on screen (管理员 only).
import { Button, DatePicker, Input, Select, Space, Table, Tag, Tooltip, Typography } from "antd";
import dayjs from "dayjs";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { OrderListItem } from "@/lib/admin/orders-list";
import { formatBeijingTime, formatFenGrouped, methodText, STATUS_LABEL } from "@/lib/ui/format";
import { useConsoleRole } from "../console-role";

export interface OrderFilters {
  status?: string;
  provider?: string;
  formId?: number;
  from?: string;
  to?: string;
  q?: string;
}

const STATUS_COLOR: Record<string, string> = { pending: "gold", paid: "green", closed: "default", failed: "red", refunding: "processing", partially_refunded: "purple", refunded: "magenta" };

function query(filters: OrderFilters, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== "") p.set(k, String(v));
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p.toString();
}

export function OrdersTable(props: { items: OrderListItem[]; forms: { id: number; title: string }[]; filters: OrderFilters; nextCursor: string | null; onLaterPage: boolean; pageSize: number }) {
  const router = useRouter();
  const { isAdmin } = useConsoleRole();
  const [f, setF] = useState<OrderFilters>(props.filters);
  const go = (filters: OrderFilters, extra: Record<string, string> = {}) => {
    const qs = query(filters, extra);
    router.push(qs ? `/admin/orders?${qs}` : "/admin/orders");
  };
  const range = f.from && f.to ? ([dayjs(f.from), dayjs(f.to)] as [dayjs.Dayjs, dayjs.Dayjs]) : null;

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder="订单号、平台交易号、手机号或姓名"
          aria-label="搜索"
          style={{ width: 280 }}
          value={f.q ?? ""}
          onChange={(e) => setF({ ...f, q: e.target.value })}
          onSearch={(q) => go({ ...f, q })}
        />
        <Select allowClear placeholder="全部状态" aria-label="状态" style={{ width: 130 }} value={f.status} onChange={(status) => setF({ ...f, status })} options={Object.entries(STATUS_LABEL).map(([value, label]) => ({ value, label }))} />
        <Select allowClear placeholder="全部方式" aria-label="支付方式" style={{ width: 130 }} value={f.provider} onChange={(provider) => setF({ ...f, provider })} options={[{ value: "wechat", label: "微信支付" }, { value: "alipay", label: "支付宝" }]} />
        <Select allowClear placeholder="全部表单" aria-label="表单" style={{ width: 180 }} value={f.formId} onChange={(formId) => setF({ ...f, formId })} options={props.forms.map((x) => ({ value: x.id, label: x.title }))} />
        <DatePicker.RangePicker
          aria-label="创建日期（北京时间）"
          value={range}
          onChange={(v) => setF({ ...f, from: v?.[0]?.format("YYYY-MM-DD"), to: v?.[1]?.format("YYYY-MM-DD") })}
        />
        <Button type="primary" onClick={() => go(f)}>
          筛选
        </Button>
        <Button onClick={() => go({})}>重置</Button>
        {isAdmin && (
          <>
            <Button href={`/api/admin/orders/export?${query(props.filters, { format: "xlsx" })}`} data-testid="export-xlsx">
              导出 Excel
            </Button>
            <Button href={`/api/admin/orders/export?${query(props.filters, { format: "csv" })}`}>导出 CSV</Button>
          </>
        )}
      </Space>
      <Table<OrderListItem>
        rowKey="orderNo"
        dataSource={props.items}
        size="middle"
        pagination={false}
        scroll={{ x: 1200 }}
        locale={{ emptyText: "没有符合条件的订单" }}
        columns={[
          {
            title: "订单号",
            dataIndex: "orderNo",
            fixed: "left",
            width: 190,
            ellipsis: { showTitle: false },
            render: (orderNo: string, o) => (
              <>
                <Tooltip title={orderNo}>
                  <Link href={`/admin/orders/${orderNo}`} className="mono">
                    {orderNo}
                  </Link>
                </Tooltip>
                {o.hasAnomaly && <Tag color="orange">异常</Tag>}
                {o.latePayment && <Tag color="orange">迟到支付</Tag>}
              </>
            ),
          },
          { title: "表单", dataIndex: "formTitle", width: 150, ellipsis: true },
          { title: "填写内容", dataIndex: "answersSummary", width: 220, ellipsis: true },
          { title: "金额", dataIndex: "amountFen", width: 110, align: "right", sorter: (a, b) => a.amountFen - b.amountFen, render: (v: number) => formatFenGrouped(v) },
          { title: "状态", dataIndex: "status", width: 100, render: (s: string) => <Tag color={STATUS_COLOR[s]} style={{ whiteSpace: "nowrap" }}>{STATUS_LABEL[s] ?? "其他"}</Tag> },
          { title: "方式", dataIndex: "provider", width: 170, render: (_: string, o) => <span style={{ whiteSpace: "nowrap" }}>{methodText(o.provider, o.channel)}</span> },
          {
            title: "平台交易号",
            dataIndex: "platformTradeNo",
            width: 180,
            ellipsis: { showTitle: false },
            render: (v: string | null) => (v ? <Typography.Text copyable={{ text: v, tooltips: ["复制", "已复制"] }} ellipsis={{ tooltip: v }} className="mono" style={{ maxWidth: 150 }}>{v}</Typography.Text> : "—"),
          },
          { title: "创建时间", dataIndex: "createdAt", width: 170, sorter: (a, b) => a.createdAt.localeCompare(b.createdAt), render: (v: string) => formatBeijingTime(v) },
          { title: "支付时间", dataIndex: "paidAt", width: 170, render: (v: string | null) => formatBeijingTime(v) },
        ]}
      />
      <Space style={{ marginTop: 16 }} wrap>
        {props.onLaterPage && <Button onClick={() => go(props.filters)}>« 第一页</Button>}
        {props.nextCursor && <Button onClick={() => go(props.filters, { cursor: props.nextCursor! })}>下一页 »</Button>}
        <span className="muted">按创建时间从新到旧，每页 {props.pageSize} 条；日期为北京时间</span>
      </Space>
    </>
  );
}
