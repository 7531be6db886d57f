"use client";
// The form list on Ant Design: title fixed on the left (cut with an ellipsis, full on hover),
// status filters, sorting by counts, money and time, pages of 20.
import { Button, Flex, Space, Table, Tag, Typography } from "antd";
import Link from "next/link";
import type { FormSummary } from "@/lib/admin/forms";
import { formatBeijingTime, formatFenGrouped } from "@/lib/ui/format";
import { FORM_STATUS_LABEL } from "./status-label";

const STATUS_COLOR: Record<string, string> = { draft: "default", published: "green", closed: "orange" };

export function FormsTable({ forms }: { forms: FormSummary[] }) {
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <h1 style={{ margin: 0 }}>表单</h1>
        <Link href="/admin/forms/new">
          <Button type="primary" tabIndex={-1}>
            新建表单
          </Button>
        </Link>
      </Flex>
      <Table<FormSummary>
        rowKey="id"
        dataSource={forms}
        scroll={{ x: 960 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => `共 ${total} 个表单` }}
        locale={{ emptyText: "还没有表单。点击“新建表单”开始。" }}
        columns={[
          {
            title: "标题",
            dataIndex: "title",
            fixed: "left",
            width: 260,
            sorter: (a, b) => a.title.localeCompare(b.title, "zh-CN"),
            render: (_, f) => (
              <>
                <Typography.Text ellipsis={{ tooltip: f.title }} style={{ maxWidth: 240 }}>
                  <Link href={`/admin/forms/${f.id}`}>{f.title}</Link>
                </Typography.Text>
                <div>
                  <Typography.Text type="secondary">/f/{f.slug}</Typography.Text>
                </div>
              </>
            ),
          },
          {
            title: "状态",
            dataIndex: "status",
            width: 100,
            filters: Object.entries(FORM_STATUS_LABEL).map(([value, text]) => ({ value, text })),
            onFilter: (value, f) => f.status === value,
            render: (status: keyof typeof FORM_STATUS_LABEL) => <Tag color={STATUS_COLOR[status]}>{FORM_STATUS_LABEL[status]}</Tag>,
          },
          {
            title: "提交 / 已支付",
            width: 120,
            align: "right",
            sorter: (a, b) => a.paidCount - b.paidCount || a.submissionCount - b.submissionCount,
            render: (_, f) => `${f.submissionCount} / ${f.paidCount}`,
          },
          { title: "已收金额", dataIndex: "paidFen", width: 130, align: "right", sorter: (a, b) => a.paidFen - b.paidFen, render: (fen: number) => formatFenGrouped(fen) },
          {
            title: "更新时间",
            dataIndex: "updatedAt",
            width: 170,
            defaultSortOrder: "descend",
            sorter: (a, b) => a.updatedAt - b.updatedAt,
            render: (at: number) => formatBeijingTime(at),
          },
          {
            title: "操作",
            width: 260,
            render: (_, f) => (
              <Space size={12} wrap>
                <Link href={`/admin/forms/${f.id}`}>编辑</Link>
                <Link href={`/admin/forms/${f.id}/submissions`}>提交记录</Link>
                <Link href={`/admin/forms/${f.id}/preview`}>预览</Link>
                {f.status === "published" && (
                  <a href={f.publicUrl} target="_blank" rel="noreferrer">
                    打开链接
                  </a>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}
