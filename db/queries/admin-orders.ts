// The admin order list: filters plus keyset pagination on (created_at DESC, id DESC), so page
// 10,000 costs what page 1 costs. No OFFSET anywhere.
import { and, asc, desc, eq, gte, inArray, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { forms, notifyJournal, paymentOrders, submissions, type OrderStatus, type ProviderId } from "../schema";

export interface OrderKey {
  createdAt: number;
  id: number;
}

export interface OrderListQuery {
  status?: OrderStatus;
  provider?: ProviderId;
  formId?: number;
  createdFromMs?: number;
  /** Exclusive. */
  createdBeforeMs?: number;
  /** Only these order ids (a search by order or platform trade number found them). */
  ids?: number[];
  /** Only orders of these submissions (a narrow search by answer found them). */
  submissionIds?: number[];
  /** LIKE pattern over submissions.search_text, already escaped with \ (see likeContains). */
  answerLike?: string;
  after?: OrderKey;
  limit: number;
}

export async function listOrdersPage(db: DbOrTx, q: OrderListQuery) {
  const where: (SQL | undefined)[] = [
    q.status ? eq(paymentOrders.status, q.status) : undefined,
    q.provider ? eq(paymentOrders.provider, q.provider) : undefined,
    q.formId !== undefined ? eq(paymentOrders.formId, q.formId) : undefined,
    q.createdFromMs !== undefined ? gte(paymentOrders.createdAt, q.createdFromMs) : undefined,
    q.createdBeforeMs !== undefined ? lt(paymentOrders.createdAt, q.createdBeforeMs) : undefined,
    q.ids ? inArray(paymentOrders.id, q.ids) : undefined,
    q.submissionIds ? inArray(paymentOrders.submissionId, q.submissionIds) : undefined,
    q.answerLike ? sql`${submissions.searchText} like ${q.answerLike} escape '\\'` : undefined,
  ];
  if (q.after) {
    // The redundant `created_at <= c` gives the planner an index range; the OR breaks ties by id.
    where.push(
      lte(paymentOrders.createdAt, q.after.createdAt),
      or(lt(paymentOrders.createdAt, q.after.createdAt), lt(paymentOrders.id, q.after.id)),
    );
  }
  return db
    .select({
      id: paymentOrders.id,
      orderNo: paymentOrders.orderNo,
      formId: paymentOrders.formId,
      formTitle: forms.title,
      provider: paymentOrders.provider,
      channel: paymentOrders.channel,
      amountFen: paymentOrders.amountFen,
      refundedFen: paymentOrders.refundedFen,
      status: paymentOrders.status,
      platformTradeNo: paymentOrders.platformTradeNo,
      createdAt: paymentOrders.createdAt,
      paidAt: paymentOrders.paidAt,
      latePayment: paymentOrders.latePayment,
      hasAnomaly: paymentOrders.hasAnomaly,
      answersJson: submissions.answersJson,
      fieldsSnapshotJson: submissions.fieldsSnapshotJson,
    })
    .from(paymentOrders)
    .innerJoin(submissions, eq(submissions.id, paymentOrders.submissionId))
    .innerJoin(forms, eq(forms.id, paymentOrders.formId))
    .where(and(...where))
    .orderBy(desc(paymentOrders.createdAt), desc(paymentOrders.id))
    .limit(q.limit);
}
export type OrderListRow = Awaited<ReturnType<typeof listOrdersPage>>[number];

/** Orders whose own number or platform trade number is exactly `text` (both indexed). */
export async function orderIdsByNumber(db: DbOrTx, text: string): Promise<number[]> {
  const byOrderNo = await db.select({ id: paymentOrders.id }).from(paymentOrders).where(eq(paymentOrders.orderNo, text));
  // The unique index leads with provider; naming both providers lets it serve this lookup.
  const byTradeNo = await db
    .select({ id: paymentOrders.id })
    .from(paymentOrders)
    .where(and(inArray(paymentOrders.provider, ["wechat", "alipay"]), eq(paymentOrders.platformTradeNo, text)));
  return [...new Set([...byOrderNo, ...byTradeNo].map((r) => r.id))];
}

/**
 * Submissions whose answers contain the pattern, up to `cap` of them: one sequential scan of
 * submissions, which beats probing a submission per order when the matches are few.
 */
export async function submissionIdsMatching(db: DbOrTx, like: string, cap: number): Promise<number[]> {
  const rows = await db
    .select({ id: submissions.id })
    .from(submissions)
    .where(sql`${submissions.searchText} like ${like} escape '\\'`)
    .limit(cap);
  return rows.map((r) => r.id);
}

/** `%text%` for LIKE … ESCAPE '\', with the user's own % and _ taken literally. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function formOptions(db: DbOrTx) {
  return db.select({ id: forms.id, title: forms.title }).from(forms).orderBy(desc(forms.id));
}

/** Every journalled notify that named this order, oldest first (rejected forgeries name none). */
export async function notifiesOfOrder(db: DbOrTx, orderNo: string) {
  return db.select().from(notifyJournal).where(eq(notifyJournal.orderNo, orderNo)).orderBy(asc(notifyJournal.id));
}
