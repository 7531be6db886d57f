"use client";
// 提交记录 on Ant Design: every answer a column (option labels, as the payer saw them), the number
// fixed on the left, order numbers cut with an ellipsis and copyable, search and payment-status
// filters in the URL, keyset pages (下一页 / 回到第一页) and exports as filtered (管理员 only:
// the answers are personal data).
import { Alert, Button, Flex, Input, Select, Space, Table, Tag, Typography } from "antd";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { STATUS_LABEL } from "@/lib/ui/format";
import { useConsoleRole } from "../../../console-role";

export interface SubmissionRowView {
  id: number;
  createdAtText: string;
  paymentStatus: string;
  paymentStatusText: string;
  amountYuan: string;
  orders: { orderNo: string; status: string }[];
  cells: Record<string, string>;
}

interface Props {
  form: { id: number; title: string };
  columns: { id: string; label: string; current: boolean }[];
  submissions: SubmissionRowView[];
  total: number;
  filter: { status?: string; q?: string };
  statusOptions: { value: string; label: string }[];
  onLaterPage: boolean;
  nextBefore: number | null;
  queryProblem: string | null;
}

const PAYMENT_COLOR: Record<string, string> = { paid: "green", unpaid: "gold", none: "default", refunded: "magenta", partially_refunded: "purple" };

export function SubmissionsTable(props: Props) {
  const router = useRouter();
  const { isAdmin } = useConsoleRole();
  const [q, setQ] = useState(props.filter.q ?? "");
  const base = `/admin/forms/${props.form.id}/submissions`;
  const withParams = (path: string, filter: { status?: string; q?: string }, extra: Record<string, string> = {}) => {
    const params = new URLSearchParams();
    if (filter.status) params.set("status", filter.status);
    if (filter.q) params.set("q", filter.q);
    for (const [k, v] of Object.entries(extra)) params.set(k, v);
    const qs = params.toString();
    return qs ? `${path}?${qs}` : path;
  };
  const go = (filter: { status?: string; q?: string }) => router.push(withParams(base, filter));
  const exportUrl = (format: string) => withParams(`/api/admin/forms/${props.form.id}/submissions/export`, props.filter, { format });

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Link href={`/admin/forms/${props.form.id}`}>← {props.form.title}</Link>
      <h1 style={{ margin: 0 }}>提交记录</h1>
      {props.queryProblem && <Alert type="error" showIcon message={props.queryProblem} />}
      <Flex wrap gap={8} align="center">
        <Input.Search
          allowClear
          aria-label="搜索"
          placeholder="搜索姓名、手机号等答案"
          style={{ width: 260 }}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(value) => go({ ...props.filter, q: value || undefined })}
        />
        <Select
          allowClear
          aria-label="支付状态"
          placeholder="全部支付状态"
          style={{ width: 150 }}
          value={props.filter.status}
          onChange={(status?: string) => go({ ...props.filter, status })}
          options={props.statusOptions}
        />
        <Typography.Text type="secondary">共 {props.total} 条</Typography.Text>
        <span style={{ flex: 1 }} />
        {isAdmin && (
          <Space wrap>
            <Button href={exportUrl("xlsx")} data-testid="export-submissions-xlsx">
              导出 Excel
            </Button>
            <Button href={exportUrl("csv")}>导出 CSV</Button>
          </Space>
        )}
      </Flex>
      <Table<SubmissionRowView>
        rowKey="id"
        dataSource={props.submissions}
        pagination={false}
        scroll={{ x: 480 + props.columns.length * 160 }}
        locale={{ emptyText: "没有符合条件的提交" }}
        columns={[
          { title: "编号", dataIndex: "id", fixed: "left", width: 80, sorter: (a, b) => a.id - b.id },
          { title: "提交时间（北京时间）", dataIndex: "createdAtText", width: 170 },
          ...props.columns.map((c) => ({
            key: c.id,
            title: c.current ? c.label : <Typography.Text type="secondary">{c.label}</Typography.Text>,
            width: 160,
            render: (_: unknown, s: SubmissionRowView) => (
              <Typography.Paragraph ellipsis={{ rows: 3, tooltip: s.cells[c.id] }} style={{ margin: 0, whiteSpace: "pre-wrap" }}>
                {s.cells[c.id]}
              </Typography.Paragraph>
            ),
          })),
          { title: "金额（元）", dataIndex: "amountYuan", width: 110, align: "right" as const },
          {
            title: "支付状态",
            dataIndex: "paymentStatus",
            width: 110,
            render: (_: string, s: SubmissionRowView) => <Tag color={PAYMENT_COLOR[s.paymentStatus]}>{s.paymentStatusText}</Tag>,
          },
          {
            title: "订单",
            width: 260,
            render: (_: unknown, s: SubmissionRowView) =>
              s.orders.map((o) => (
                <div key={o.orderNo}>
                  <Typography.Text ellipsis={{ tooltip: o.orderNo }} copyable={{ text: o.orderNo }} style={{ maxWidth: 170 }}>
                    <Link href={`/admin/orders/${o.orderNo}`}>{o.orderNo}</Link>
                  </Typography.Text>{" "}
                  <Typography.Text type="secondary">{STATUS_LABEL[o.status] ?? "其他"}</Typography.Text>
                </div>
              )),
          },
        ]}
      />
      <Space>
        {props.onLaterPage && <Link href={withParams(base, props.filter)}>回到第一页</Link>}
        {props.nextBefore && <Link href={withParams(base, props.filter, { before: String(props.nextBefore) })}>下一页</Link>}
      </Space>
    </Space>
  );
}
