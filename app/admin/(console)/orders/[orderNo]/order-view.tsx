"use client";
// One order on Ant Design: its facts (long numbers copyable), the submission, the refund panel,
// the timeline and the platforms' notifies as received. Labels come from the server in Chinese.
import { Alert, Card, Collapse, Descriptions, Space, Tag, Timeline, Typography } from "antd";
import Link from "next/link";
import type { ReactNode } from "react";
import { formatBeijingTime, METHOD_LABEL, STATUS_LABEL } from "@/lib/ui/format";
import styles from "../orders.module.css";
import { OrderActions } from "./order-actions";
import { RefundPanel } from "./refund-panel";

const STATUS_COLOR: Record<string, string> = { pending: "gold", paid: "green", closed: "default", failed: "red", refunding: "processing", partially_refunded: "purple", refunded: "magenta" };

export interface OrderViewData {
  orderNo: string;
  status: string;
  provider: string;
  channelLabel: string;
  accountRef: string;
  appId: string;
  merchantId: string;
  amount: string;
  refundedFen: number;
  refunded: string;
  platformTradeNo: string | null;
  createdAt: string;
  paidAt: string | null;
  closedAt: string | null;
  expiresAt: string;
  failureReason: string | null;
  latePayment: boolean;
  hasAnomaly: boolean;
  form: { id: number; title: string } | null;
  answers: { label: string; value: string }[];
  timeline: { id: number; type: string; typeLabel: string; message: string; detail: string | null; at: string }[];
  notifies: { id: number; receivedAt: string; verified: boolean; outcomeLabel: string; headers: Record<string, string>; body: string }[];
}

/** A Card that is a <section> with an <h2>, so the page keeps its landmarks and headings. */
function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section>
      <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>{title}</h2>}>{children}</Card>
    </section>
  );
}

export function OrderView({ order }: { order: OrderViewData }) {
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Link href="/admin/orders">« 订单列表</Link>
      <h1 style={{ margin: 0 }}>
        订单{" "}
        <Typography.Text copyable className={styles.mono} style={{ fontSize: "1rem" }}>
          {order.orderNo}
        </Typography.Text>
      </h1>
      {order.hasAnomaly && <Alert type="error" showIcon message="此订单有异常记录（见下方时间线），请核实。" />}
      {order.latePayment && <Alert type="error" showIcon message="迟到支付：订单关闭后才收到付款，钱已到账，请核实并视情况退款。" />}

      <div className={styles.grid}>
        <Section title="支付">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="金额">
              <strong className="amount">{order.amount}</strong>
            </Descriptions.Item>
            <Descriptions.Item label="状态">
              <Tag color={STATUS_COLOR[order.status]}>{STATUS_LABEL[order.status] ?? "其他"}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="支付方式">
              {METHOD_LABEL[order.provider]}（{order.channelLabel}）
            </Descriptions.Item>
            <Descriptions.Item label="收款账户">
              {order.accountRef === "env" ? "环境变量账户" : <Link href={`/admin/accounts/${order.accountRef}`}>账户 #{order.accountRef}</Link>}
              <Typography.Text type="secondary">
                {" "}
                {order.appId} / {order.merchantId || "—"}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="平台交易号">
              {order.platformTradeNo ? (
                <Typography.Text copyable className={styles.mono}>
                  {order.platformTradeNo}
                </Typography.Text>
              ) : (
                "—"
              )}
            </Descriptions.Item>
            <Descriptions.Item label="创建时间">{formatBeijingTime(order.createdAt)}</Descriptions.Item>
            <Descriptions.Item label="支付时间">{formatBeijingTime(order.paidAt)}</Descriptions.Item>
            <Descriptions.Item label="关闭时间">{formatBeijingTime(order.closedAt)}</Descriptions.Item>
            <Descriptions.Item label="过期时间">{formatBeijingTime(order.expiresAt)}</Descriptions.Item>
            {order.refundedFen > 0 && <Descriptions.Item label="已退款">{order.refunded}</Descriptions.Item>}
            {order.failureReason && <Descriptions.Item label="失败原因">{order.failureReason}</Descriptions.Item>}
          </Descriptions>
          <div style={{ marginTop: 12 }}>
            <OrderActions orderNo={order.orderNo} status={order.status} />
          </div>
        </Section>

        <Section title="提交内容">
          <Typography.Paragraph type="secondary">
            表单：{order.form ? <Link href={`/admin/forms/${order.form.id}`}>{order.form.title}</Link> : "（已删除）"}
          </Typography.Paragraph>
          <Descriptions column={1} size="small" bordered items={order.answers.map((a, i) => ({ key: i, label: a.label, children: a.value }))} />
        </Section>
      </div>

      <RefundPanel orderNo={order.orderNo} />

      <Section title="时间线">
        <Timeline
          items={order.timeline.map((e) => ({
            key: e.id,
            color: e.type === "anomaly" ? "red" : e.type === "state_change" ? "green" : "blue",
            children: (
              <div className={e.type === "anomaly" ? "error-text" : undefined}>
                <Space size={8} wrap>
                  <Typography.Text type="secondary">{formatBeijingTime(e.at)}</Typography.Text>
                  <Tag>{e.typeLabel}</Tag>
                </Space>
                <div>{e.message}</div>
                {e.detail && (
                  <details>
                    <summary className="muted">详情</summary>
                    <pre className={styles.raw}>{pretty(e.detail)}</pre>
                  </details>
                )}
              </div>
            ),
          }))}
        />
      </Section>

      <Section title={`平台通知原文（${order.notifies.length}）`}>
        {order.notifies.length === 0 && <Typography.Text type="secondary">还没有收到这笔订单的通知。</Typography.Text>}
        {order.notifies.length > 0 && (
          <Collapse
            items={order.notifies.map((n) => ({
              key: n.id,
              label: (
                <Space size={8} wrap>
                  {formatBeijingTime(n.receivedAt)}
                  <Tag color={n.verified ? "green" : "default"}>{n.verified ? "验签通过" : "验签失败"}</Tag>
                  <Typography.Text type="secondary">处理结果：{n.outcomeLabel}</Typography.Text>
                </Space>
              ),
              children: (
                <>
                  <Typography.Text type="secondary">请求头</Typography.Text>
                  <pre className={styles.raw}>{Object.entries(n.headers).map(([k, v]) => `${k}: ${v}`).join("\n")}</pre>
                  <Typography.Text type="secondary">请求体</Typography.Text>
                  <pre className={styles.raw}>{n.body}</pre>
                </>
              ),
            }))}
          />
        )}
      </Section>
    </Space>
  );
}

function pretty(json: string): string {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}
