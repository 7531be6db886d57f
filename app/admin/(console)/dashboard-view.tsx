"use client";
// 概览 on Ant Design: today, 7 and 30 Beijing days (revenue, refunds, success rate, by method), the
// 30-day chart, revenue by form (sortable), the orders needing attention and open reconciliation.
import { Alert, Card, Col, Row, Space, Statistic, Table, Tag, Typography } from "antd";
import Link from "next/link";
import type { ReactNode } from "react";
import type { DashboardData } from "@/lib/admin/dashboard";
import { formatBeijingTime, formatFen, formatFenGrouped, METHOD_LABEL, STATUS_LABEL } from "@/lib/ui/format";
import { AttentionRefundButton } from "./attention-refund-button";
import { RevenueChart } from "./revenue-chart";

const percent = (rate: number | null) => (rate === null ? "—" : `${(rate * 100).toFixed(1)}%`);

/** A Card that is a <section> with an <h2>, so the page keeps its headings. */
function Section({ title, children, ...rest }: { title: string; children: ReactNode } & Record<`data-${string}`, string>) {
  return (
    <section {...rest}>
      <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>{title}</h2>} style={{ height: "100%" }}>
        {children}
      </Card>
    </section>
  );
}

type ByForm = DashboardData["windows"][number]["byForm"][number];
type Attention = DashboardData["attention"][number];

export function DashboardView({ data, denied }: { data: DashboardData; denied: boolean }) {
  const inWindow = (i: number, formId: number) => data.windows[i].byForm.find((x) => x.formId === formId)?.revenueFen ?? 0;
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <h1 style={{ margin: 0 }}>概览</h1>
      {denied && <Alert type="warning" showIcon message="该页面仅管理员可以查看；当前账号为查看者。" />}
      <Typography.Text type="secondary">按北京时间统计；收款按到账时间计，成功率 = 时段内创建的订单中已支付的比例。</Typography.Text>

      <Row gutter={[16, 16]}>
        {data.windows.map((w) => (
          <Col key={w.key} xs={24} md={8}>
            <Section title={w.label} data-window={w.key}>
              <Statistic value={formatFen(w.revenueFen)} valueRender={() => <span data-testid={`revenue-${w.key}`}>{formatFenGrouped(w.revenueFen)}</span>} />
              <div>
                已支付 {w.paidCount} 笔
                {w.refundedFen > 0 && <Typography.Text type="secondary">；退款 {formatFen(w.refundedFen)}，净收入 {formatFen(w.netFen)}</Typography.Text>}
              </div>
              <Typography.Text type="secondary">
                支付成功率 {percent(w.successRate)}（{w.paidOfCreated}/{w.createdCount}）
              </Typography.Text>
              <Space direction="vertical" size={2} style={{ display: "flex", marginTop: 8 }}>
                {w.byMethod.map((m) => (
                  <Space key={m.provider} style={{ justifyContent: "space-between", width: "100%" }}>
                    <Tag color={m.provider === "wechat" ? "green" : "blue"}>{METHOD_LABEL[m.provider]}</Tag>
                    <span>
                      {formatFen(m.revenueFen)} · {m.paidCount} 笔
                    </span>
                  </Space>
                ))}
              </Space>
            </Section>
          </Col>
        ))}
      </Row>

      <Section title="近 30 天每日收款">
        <RevenueChart days={data.daily} />
      </Section>

      <Section title="各表单收款（近 30 天）">
        <Table<ByForm>
          rowKey="formId"
          size="small"
          dataSource={data.windows[2].byForm}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ x: 640 }}
          locale={{ emptyText: "近 30 天没有收款。" }}
          columns={[
            { title: "表单", dataIndex: "title", fixed: "left", width: 200, ellipsis: true, render: (title: string, f) => <Link href={`/admin/orders?formId=${f.formId}`}>{title}</Link> },
            { title: "今天", width: 110, align: "right", render: (_, f) => formatFen(inWindow(0, f.formId)), sorter: (a, b) => inWindow(0, a.formId) - inWindow(0, b.formId) },
            { title: "近 7 天", width: 110, align: "right", render: (_, f) => formatFen(inWindow(1, f.formId)), sorter: (a, b) => inWindow(1, a.formId) - inWindow(1, b.formId) },
            { title: "近 30 天", dataIndex: "revenueFen", width: 120, align: "right", render: (fen: number) => formatFen(fen), sorter: (a, b) => a.revenueFen - b.revenueFen, defaultSortOrder: "descend" },
            { title: "笔数（30 天）", dataIndex: "paidCount", width: 110, align: "right", sorter: (a, b) => a.paidCount - b.paidCount },
          ]}
        />
      </Section>

      <Section title="需要处理的订单">
        <Table<Attention>
          rowKey="orderNo"
          size="small"
          dataSource={data.attention}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ x: 900 }}
          locale={{ emptyText: "没有异常或迟到支付的订单。" }}
          columns={[
            {
              title: "订单号",
              dataIndex: "orderNo",
              fixed: "left",
              width: 200,
              render: (orderNo: string) => (
                <Typography.Text ellipsis={{ tooltip: orderNo }} copyable={{ text: orderNo }} style={{ maxWidth: 180 }}>
                  <Link href={`/admin/orders/${orderNo}`}>{orderNo}</Link>
                </Typography.Text>
              ),
            },
            { title: "表单", dataIndex: "formTitle", width: 160, ellipsis: true },
            { title: "金额", width: 140, render: (_, o) => `${formatFen(o.amountFen)} ${METHOD_LABEL[o.provider]}` },
            { title: "状态", width: 90, render: (_, o) => STATUS_LABEL[o.status] ?? "其他" },
            {
              title: "问题",
              width: 200,
              render: (_, o) => (
                <Space wrap>
                  {o.latePayment && <Tag color="red">迟到支付</Tag>}
                  {o.hasAnomaly && <Tag color="orange">异常</Tag>}
                  {o.offerFullRefund && <AttentionRefundButton orderNo={o.orderNo} amountFen={o.amountFen} late={o.latePayment} />}
                </Space>
              ),
            },
            { title: "创建时间", width: 170, render: (_, o) => formatBeijingTime(o.createdAt) },
          ]}
        />
      </Section>

      {data.reconciliation.length > 0 && (
        <Section title="对账有差异的日子">
          <Space direction="vertical">
            {data.reconciliation.map((d) => (
              <span key={d.id}>
                <Link href={`/admin/reconciliation/${d.id}`}>
                  {d.billDate} {METHOD_LABEL[d.provider]}
                </Link>{" "}
                <Typography.Text type="secondary">{d.open} 条差异待处理</Typography.Text>
              </span>
            ))}
          </Space>
        </Section>
      )}
    </Space>
  );
}
