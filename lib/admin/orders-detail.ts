// The admin order page: the submission, the money, the timeline, the raw notifies (masked).
import { NOTIFY_OUTCOME_WORDS } from "@/lib/payments/outcome-words";
import { getDb } from "@/db/client";
import { getFormById } from "@/db/queries/forms";
import { getOrderByNo, orderEventsOf } from "@/db/queries/orders";
import { getSubmission } from "@/db/queries/submissions";
import { notifiesOfOrder } from "@/db/queries/admin-orders";
import { formatFen } from "@/lib/money";
import { answerLines } from "@/lib/payments/order-view";
import { maskedBody, maskHeaders, parseHeadersJson } from "./orders-notify-mask";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export async function orderDetail(orderNo: string) {
  const db = getDb();
  const order = await getOrderByNo(db, orderNo);
  if (!order) return null;
  const [form, submission, journal, events] = await Promise.all([
    getFormById(db, order.formId),
    getSubmission(db, order.submissionId),
    notifiesOfOrder(db, orderNo),
    orderEventsOf(db, order.id),
  ]);
  return {
    orderNo: order.orderNo,
    status: order.status,
    provider: order.provider,
    channel: order.channel,
    accountRef: order.accountRef,
    appId: order.appId,
    merchantId: order.merchantId,
    amountFen: order.amountFen,
    amount: formatFen(order.amountFen),
    refundedFen: order.refundedFen,
    refunded: formatFen(order.refundedFen),
    description: order.description,
    platformTradeNo: order.platformTradeNo,
    createdAt: iso(order.createdAt)!,
    paidAt: iso(order.paidAt),
    closedAt: iso(order.closedAt),
    expiresAt: iso(order.expiresAt)!,
    lastQueriedAt: iso(order.lastQueriedAt),
    failureReason: order.failureReason,
    latePayment: order.latePayment,
    hasAnomaly: order.hasAnomaly,
    form: form ? { id: form.id, title: form.title, slug: form.slug } : null,
    submissionId: order.submissionId,
    answers: submission ? answerLines(submission.fieldsSnapshotJson, submission.answersJson) : [],
    timeline: events.map((e) => ({
      id: e.id,
      type: e.type,
      message: e.message,
      detail: e.detailJson,
      at: iso(e.createdAt)!,
    })),
    notifies: journal.map((j) => ({
      id: j.id,
      receivedAt: iso(j.receivedAt)!,
      verified: j.verified,
      outcome: j.outcome,
      headers: maskHeaders(parseHeadersJson(j.headersJson)),
      body: maskedBody(j.provider, j.body),
    })),
  };
}
export type OrderDetail = NonNullable<Awaited<ReturnType<typeof orderDetail>>>;

export const EVENT_LABEL: Record<string, string> = {
  created: "创建",
  create_failed: "下单失败",
  notify: "通知",
  query: "查询",
  state_change: "状态变化",
  anomaly: "异常",
  close: "关单",
  return: "同步返回",
  refund: "退款",
  admin_action: "管理员操作",
};

const NOTIFY_OUTCOMES: Record<string, string> = NOTIFY_OUTCOME_WORDS;
const NOTIFY_REJECTIONS: Record<string, string> = {
  UNKNOWN_ACCOUNT: "收款账户未知",
  ORDER_NOT_FOUND: "订单不存在",
  ACCOUNT_MISMATCH: "收款账户与订单不符",
  MISMATCH: "内容与订单不符",
};

/** A notify journal's outcome in words: "already_applied" → 此前已处理（重复通知）, "rejected X: …" → 已拒绝. */
export function notifyOutcomeLabel(outcome: string): string {
  if (NOTIFY_OUTCOMES[outcome]) return NOTIFY_OUTCOMES[outcome];
  const rejected = /^rejected (\w+)/.exec(outcome);
  if (rejected) return `已拒绝：${NOTIFY_REJECTIONS[rejected[1]] ?? "验签或格式不通过"}`;
  return "其他";
}
