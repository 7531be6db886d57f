import Link from "next/link";
import { Fragment } from "react";
import { notFound } from "next/navigation";
import { requireAdminPage } from "@/lib/auth/guard";
import { channelLabel } from "@/lib/admin/channel-label";
import { EVENT_LABEL, notifyOutcomeLabel, orderDetail } from "@/lib/admin/orders-detail";
import { ORDER_NO } from "@/lib/admin/orders-requery";
import { formatBeijingTime, METHOD_LABEL, STATUS_LABEL } from "@/lib/ui/format";
import styles from "../orders.module.css";
import { RefundPanel } from "./refund-panel";
import { OrderActions } from "./order-actions";

export const dynamic = "force-dynamic";

export default async function OrderPage({ params }: { params: Promise<{ orderNo: string }> }) {
  await requireAdminPage();
  const { orderNo } = await params;
  const order = ORDER_NO.test(orderNo) ? await orderDetail(orderNo) : null;
  if (!order) notFound();

  return (
    <>
      <p>
        <Link href="/admin/orders">« 订单列表</Link>
      </p>
      <h1>
        订单 <span className={styles.mono}>{order.orderNo}</span>
      </h1>
      {order.hasAnomaly && <p className="notice error">此订单有异常记录（见下方时间线），请核实。</p>}
      {order.latePayment && <p className="notice error">迟到支付：订单关闭后才收到付款，钱已到账，请核实并视情况退款。</p>}

      <div className={styles.grid}>
        <section className="card">
          <h2>支付</h2>
          <dl className="receipt">
            <dt>金额</dt>
            <dd className="amount">{order.amount}</dd>
            <dt>状态</dt>
            <dd>
              <span className={`badge ${order.status}`}>{STATUS_LABEL[order.status] ?? "其他"}</span>
            </dd>
            <dt>支付方式</dt>
            <dd>
              {METHOD_LABEL[order.provider]}（{channelLabel(order.channel)}）
            </dd>
            <dt>收款账户</dt>
            <dd>
              {order.accountRef === "env" ? "环境变量账户" : <Link href={`/admin/accounts/${order.accountRef}`}>账户 #{order.accountRef}</Link>}
              <span className="muted">
                {" "}
                {order.appId} / {order.merchantId || "—"}
              </span>
            </dd>
            <dt>平台交易号</dt>
            <dd className={styles.mono}>{order.platformTradeNo ?? "—"}</dd>
            <dt>创建时间</dt>
            <dd>{formatBeijingTime(order.createdAt)}</dd>
            <dt>支付时间</dt>
            <dd>{formatBeijingTime(order.paidAt)}</dd>
            <dt>关闭时间</dt>
            <dd>{formatBeijingTime(order.closedAt)}</dd>
            <dt>过期时间</dt>
            <dd>{formatBeijingTime(order.expiresAt)}</dd>
            {order.refundedFen > 0 && (
              <>
                <dt>已退款</dt>
                <dd>{order.refunded}</dd>
              </>
            )}
            {order.failureReason && (
              <>
                <dt>失败原因</dt>
                <dd>{order.failureReason}</dd>
              </>
            )}
          </dl>
          <p>
            <OrderActions orderNo={order.orderNo} status={order.status} />
          </p>
        </section>

        <section className="card">
          <h2>提交内容</h2>
          <p className="muted">
            表单：{order.form ? <Link href={`/admin/forms/${order.form.id}`}>{order.form.title}</Link> : "（已删除）"}
          </p>
          <dl className="receipt">
            {order.answers.map((a, i) => (
              <Fragment key={i}>
                <dt>{a.label}</dt>
                <dd>{a.value}</dd>
              </Fragment>
            ))}
          </dl>
        </section>
      </div>

      <RefundPanel orderNo={order.orderNo} />

      <section className="card">
        <h2>时间线</h2>
        <ol className={styles.timeline}>
          {order.timeline.map((e) => (
            <li key={e.id} className={e.type === "anomaly" ? styles.anomaly : undefined}>
              <span>{formatBeijingTime(e.at)}</span>
              <span className="badge">{EVENT_LABEL[e.type] ?? "其他"}</span>
              <span>{e.message}</span>
              {e.detail && (
                <details>
                  <summary className="muted">详情</summary>
                  <pre className={styles.raw}>{pretty(e.detail)}</pre>
                </details>
              )}
            </li>
          ))}
        </ol>
      </section>

      <section className="card">
        <h2>平台通知原文（{order.notifies.length}）</h2>
        {order.notifies.length === 0 && <p className="muted">还没有收到这笔订单的通知。</p>}
        {order.notifies.map((n) => (
          <div key={n.id} className={styles.notify}>
            <div>
              {formatBeijingTime(n.receivedAt)}{" "}
              <span className={`badge ${n.verified ? "paid" : "closed"}`}>{n.verified ? "验签通过" : "验签失败"}</span> <span className="muted">处理结果：{notifyOutcomeLabel(n.outcome)}</span>
            </div>
            <details>
              <summary className="muted">请求头</summary>
              <pre className={styles.raw}>{Object.entries(n.headers).map(([k, v]) => `${k}: ${v}`).join("\n")}</pre>
            </details>
            <pre className={styles.raw}>{n.body}</pre>
          </div>
        ))}
      </section>
    </>
  );
}

function pretty(json: string): string {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}
