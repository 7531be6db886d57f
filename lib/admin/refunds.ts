// The admin's views of refunds: the 退款 page (filters, keyset pages) and one order's refund panel.
import { z } from "zod";
import { getDb } from "@/db/client";
import { getOrderByNo } from "@/db/queries/orders";
import { getSubmission } from "@/db/queries/submissions";
import { listRefundsPage, refundsOfOrder, type RefundKey, type RefundListRow, type RefundRow } from "@/db/queries/refunds";
import type { ProviderId, RefundStatus } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { formatFen } from "@/lib/money";
import { answerLines } from "@/lib/payments/order-view";
import { refundAdvice, REFUND_STATUS_LABEL } from "@/lib/payments/refunds/refund-state";
import { beijingDayStartMs, DAY_MS } from "./orders-dates";
import { ORDER_NO } from "./orders-requery";

export const REFUND_STATUSES = ["pending", "processing", "succeeded", "closed", "abnormal"] as const;

const blank = (v: unknown) => (v === "" ? undefined : v);
const beijingDate = (what: string) =>
  z.preprocess(blank, z.string().refine((v) => beijingDayStartMs(v) !== null, `${what}应为 YYYY-MM-DD 格式的有效日期`).optional());

export const refundsQuery = z
  .object({
    status: z.preprocess(blank, z.enum(REFUND_STATUSES, { error: "未知的退款状态" }).optional()),
    provider: z.preprocess(blank, z.enum(["wechat", "alipay"], { error: "支付方式应为 wechat 或 alipay" }).optional()),
    from: beijingDate("开始日期"),
    to: beijingDate("结束日期"),
    orderNo: z.preprocess(blank, z.string().trim().regex(ORDER_NO, "订单号格式不正确").optional()),
    cursor: z.preprocess(blank, z.string().max(100).optional()),
    limit: z.preprocess(blank, z.coerce.number().int().min(1, "每页至少 1 条").max(200, "每页最多 200 条").default(50)),
  })
  .refine((v) => !(v.from && v.to && v.from > v.to), { message: "开始日期不能晚于结束日期", path: ["from"] });
export type RefundsQuery = z.infer<typeof refundsQuery>;

function encodeCursor(key: RefundKey): string {
  return Buffer.from(`${key.createdAt}.${key.id}`).toString("base64url");
}

function decodeCursor(cursor: string): RefundKey {
  const text = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, "base64url").toString("utf8") : "";
  const m = /^(\d{1,15})\.(\d{1,12})$/.exec(text);
  if (!m) throw new AppError("bad_request", "分页游标无效，请回到第一页", [{ field: "cursor", issue: "无法识别" }]);
  return { createdAt: Number(m[1]), id: Number(m[2]) };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function statusView(provider: ProviderId, status: RefundStatus, failureReason: string | null) {
  return { status, statusText: REFUND_STATUS_LABEL[status], advice: refundAdvice(provider, status), failureReason };
}

function listItem(row: RefundListRow) {
  return {
    refundNo: row.refundNo,
    orderNo: row.orderNo,
    provider: row.provider,
    formTitle: row.formTitle,
    amountFen: row.amountFen,
    amount: formatFen(row.amountFen),
    orderAmountFen: row.orderAmountFen,
    reason: row.reason,
    requestedBy: row.requestedByName,
    createdAt: iso(row.createdAt)!,
    succeededAt: iso(row.succeededAt),
    ...statusView(row.provider, row.status, row.failureReason),
  };
}
export type RefundListItem = ReturnType<typeof listItem>;

export async function listRefunds(query: RefundsQuery) {
  const rows = await listRefundsPage(getDb(), {
    status: query.status,
    provider: query.provider,
    createdFromMs: query.from ? beijingDayStartMs(query.from)! : undefined,
    createdBeforeMs: query.to ? beijingDayStartMs(query.to)! + DAY_MS : undefined,
    orderNo: query.orderNo,
    after: query.cursor ? decodeCursor(query.cursor) : undefined,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return { items: page.map(listItem), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
}

function refundView(provider: ProviderId, r: RefundRow) {
  return {
    refundNo: r.refundNo,
    amountFen: r.amountFen,
    amount: formatFen(r.amountFen),
    reason: r.reason,
    requestedBy: r.requestedByName,
    createdAt: iso(r.createdAt)!,
    succeededAt: iso(r.succeededAt),
    ...statusView(provider, r.status, r.failureReason),
  };
}
export type OrderRefundView = ReturnType<typeof refundView>;

/** One order's refunds and what may still be refunded, for its refund panel. */
export async function orderRefunds(orderNo: string) {
  const db = getDb();
  const order = ORDER_NO.test(orderNo) ? await getOrderByNo(db, orderNo) : undefined;
  if (!order) throw new AppError("not_found", "订单不存在");
  const [rows, submission] = await Promise.all([refundsOfOrder(db, order.id), getSubmission(db, order.submissionId)]);
  const refundable = order.status === "paid" || order.status === "partially_refunded";
  return {
    orderNo: order.orderNo,
    status: order.status,
    amountFen: order.amountFen,
    refundedFen: order.refundedFen,
    refundingFen: order.refundingFen,
    payer: submission ? payerName(submission.fieldsSnapshotJson, submission.answersJson) : "付款人",
    refundableFen: refundable ? Math.max(0, order.amountFen - order.refundedFen - order.refundingFen) : 0,
    refunds: rows.map((r) => refundView(order.provider, r)),
  };
}
export type OrderRefunds = Awaited<ReturnType<typeof orderRefunds>>;

/** Who paid, as the confirmation names them: the answer to a 姓名-like field, else the first text answer. */
function payerName(fieldsSnapshotJson: string, answersJson: string): string {
  const lines = answerLines(fieldsSnapshotJson, answersJson);
  const named = lines.find((l) => /姓名|名字|联系人|name/i.test(l.label)) ?? lines[0];
  return named ? named.value.slice(0, 40) : "付款人";
}
