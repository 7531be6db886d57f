// Refund rows, and the two conditional updates that hold refunds against what was paid: the
// reservation (refunding_fen) taken when a refund is asked for, and its settlement (refunded_fen)
// when it succeeds. Both are one UPDATE … WHERE on the order row, so at READ COMMITTED the second
// of two racing requests waits for the first's row lock, re-reads the row and sees the room gone.
import { and, asc, desc, eq, gte, inArray, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { forms, paymentOrders, refunds, submissions, type OrderStatus, type ProviderId, type RefundStatus } from "../schema";
import { firstRow, onlyRow } from "./rows";

export type RefundRow = typeof refunds.$inferSelect;

const REFUNDABLE: OrderStatus[] = ["paid", "partially_refunded"];

export async function insertRefund(db: DbOrTx, values: typeof refunds.$inferInsert): Promise<RefundRow> {
  return db.insert(refunds).values(values).returning().then(onlyRow);
}

export async function getRefundByNo(db: DbOrTx, refundNo: string): Promise<RefundRow | undefined> {
  return db.select().from(refunds).where(eq(refunds.refundNo, refundNo)).limit(1).then(firstRow);
}

/** An order's refunds, oldest first. */
export async function refundsOfOrder(db: DbOrTx, orderId: number): Promise<RefundRow[]> {
  return db.select().from(refunds).where(eq(refunds.orderId, orderId)).orderBy(asc(refunds.id));
}

/**
 * Holds amountFen of a paid order for a new refund: succeeds only while the order is refundable and
 * refunded + in flight + this refund stays within the amount paid. Says whether it did.
 */
export async function reserveRefund(db: DbOrTx, orderId: number, amountFen: number): Promise<boolean> {
  const changed = await db
    .update(paymentOrders)
    .set({ refundingFen: sql`${paymentOrders.refundingFen} + ${amountFen}`, updatedAt: Date.now() })
    .where(
      and(
        eq(paymentOrders.id, orderId),
        inArray(paymentOrders.status, REFUNDABLE),
        sql`${paymentOrders.refundedFen} + ${paymentOrders.refundingFen} + ${amountFen} <= ${paymentOrders.amountFen}`,
      ),
    )
    .returning({ id: paymentOrders.id });
  return changed.length === 1;
}

/** Gives a closed or abnormal refund's reservation back. */
export async function releaseReservation(db: DbOrTx, orderId: number, amountFen: number): Promise<void> {
  await db
    .update(paymentOrders)
    .set({ refundingFen: sql`${paymentOrders.refundingFen} - ${amountFen}`, updatedAt: Date.now() })
    .where(eq(paymentOrders.id, orderId));
}

/**
 * Moves a refund's amount from in flight (reserved) to refunded, and the order to
 * partially_refunded or refunded. `reserved: false` is a refund whose reservation was already given
 * back (it had gone abnormal) and succeeded later: it is counted only while it still fits.
 * Returns the order's new status, or null when nothing changed.
 */
export async function settleRefundOnOrder(db: DbOrTx, orderId: number, amountFen: number, reserved: boolean): Promise<OrderStatus | null> {
  const refunded = sql`${paymentOrders.refundedFen} + ${amountFen}`;
  const rows = await db
    .update(paymentOrders)
    .set({
      refundedFen: refunded,
      ...(reserved ? { refundingFen: sql`${paymentOrders.refundingFen} - ${amountFen}` } : {}),
      status: sql`case when ${refunded} >= ${paymentOrders.amountFen} then 'refunded' else 'partially_refunded' end`,
      updatedAt: Date.now(),
    })
    .where(
      and(
        eq(paymentOrders.id, orderId),
        inArray(paymentOrders.status, REFUNDABLE),
        reserved ? undefined : sql`${paymentOrders.refundedFen} + ${paymentOrders.refundingFen} + ${amountFen} <= ${paymentOrders.amountFen}`,
      ),
    )
    .returning({ status: paymentOrders.status });
  return rows[0]?.status ?? null;
}

/** The refund's one conditional transition: changes it only while it is in one of `from`. */
export async function transitionRefund(
  db: DbOrTx,
  refundId: number,
  from: RefundStatus[],
  set: Partial<typeof refunds.$inferInsert> & { status: RefundStatus },
): Promise<boolean> {
  const changed = await db
    .update(refunds)
    .set({ ...set, updatedAt: Date.now() })
    .where(and(eq(refunds.id, refundId), inArray(refunds.status, from)))
    .returning({ id: refunds.id });
  return changed.length === 1;
}

/** Unsettled refunds whose next check (retry of the create, or a query) is due, the longest-waiting first. */
export async function refundsDue(db: DbOrTx, now: number, limit: number): Promise<RefundRow[]> {
  return db
    .select()
    .from(refunds)
    .where(and(inArray(refunds.status, ["pending", "processing"]), lte(refunds.nextCheckAt, now)))
    .orderBy(asc(refunds.nextCheckAt), asc(refunds.id))
    .limit(limit);
}

/**
 * Moves a refund's next check from `expectedDueAt` to `nextCheckAt`: of two runners that picked the
 * same refund, only the one whose update changed the row goes on to call the platform.
 */
export async function claimRefundCheck(db: DbOrTx, refundId: number, expectedDueAt: number, nextCheckAt: number): Promise<boolean> {
  const claimed = await db
    .update(refunds)
    .set({ nextCheckAt, checkCount: sql`${refunds.checkCount} + 1`, updatedAt: Date.now() })
    .where(and(eq(refunds.id, refundId), inArray(refunds.status, ["pending", "processing"]), eq(refunds.nextCheckAt, expectedDueAt)))
    .returning({ id: refunds.id });
  return claimed.length === 1;
}

export interface RefundKey {
  createdAt: number;
  id: number;
}

export interface RefundListQuery {
  status?: RefundStatus;
  provider?: ProviderId;
  createdFromMs?: number;
  /** Exclusive. */
  createdBeforeMs?: number;
  orderNo?: string;
  after?: RefundKey;
  limit: number;
}

/** The 退款 page: refunds across orders, newest first, one keyset page at a time. */
export async function listRefundsPage(db: DbOrTx, q: RefundListQuery) {
  const where: (SQL | undefined)[] = [
    q.status ? eq(refunds.status, q.status) : undefined,
    q.provider ? eq(paymentOrders.provider, q.provider) : undefined,
    q.createdFromMs !== undefined ? gte(refunds.createdAt, q.createdFromMs) : undefined,
    q.createdBeforeMs !== undefined ? lt(refunds.createdAt, q.createdBeforeMs) : undefined,
    q.orderNo ? eq(paymentOrders.orderNo, q.orderNo) : undefined,
  ];
  if (q.after) {
    where.push(lte(refunds.createdAt, q.after.createdAt), or(lt(refunds.createdAt, q.after.createdAt), lt(refunds.id, q.after.id)));
  }
  return db
    .select({
      id: refunds.id,
      refundNo: refunds.refundNo,
      orderNo: paymentOrders.orderNo,
      provider: paymentOrders.provider,
      formTitle: forms.title,
      orderAmountFen: paymentOrders.amountFen,
      amountFen: refunds.amountFen,
      reason: refunds.reason,
      status: refunds.status,
      failureReason: refunds.failureReason,
      requestedByName: refunds.requestedByName,
      createdAt: refunds.createdAt,
      succeededAt: refunds.succeededAt,
    })
    .from(refunds)
    .innerJoin(paymentOrders, eq(paymentOrders.id, refunds.orderId))
    .innerJoin(forms, eq(forms.id, paymentOrders.formId))
    .where(and(...where))
    .orderBy(desc(refunds.createdAt), desc(refunds.id))
    .limit(q.limit);
}
export type RefundListRow = Awaited<ReturnType<typeof listRefundsPage>>[number];

// Beijing day of a timestamp, as the dashboard's payment groups compute it.
const BEIJING_DAY = (column: typeof refunds.succeededAt) => sql<number>`(${column} + 28800000) / 86400000`.mapWith(Number);

/** Succeeded refunds since fromMs by form, method and Beijing day of succeeded_at. */
export async function refundGroups(db: DbOrTx, fromMs: number) {
  const day = BEIJING_DAY(refunds.succeededAt);
  return db
    .select({
      formId: paymentOrders.formId,
      provider: paymentOrders.provider,
      day,
      refundCount: sql<number>`count(*)`.mapWith(Number),
      refundedFen: sql<number>`coalesce(sum(${refunds.amountFen}), 0)`.mapWith(Number),
    })
    .from(refunds)
    .innerJoin(paymentOrders, eq(paymentOrders.id, refunds.orderId))
    .where(and(eq(refunds.status, "succeeded"), gte(refunds.succeededAt, fromMs)))
    .groupBy(paymentOrders.formId, paymentOrders.provider, day);
}

/** Refunded fen per submission (all its orders), for the submissions export. */
export async function refundedFenOfSubmissions(db: DbOrTx, submissionIds: number[]): Promise<Map<number, number>> {
  if (submissionIds.length === 0) return new Map();
  const rows = await db
    .select({ submissionId: paymentOrders.submissionId, refundedFen: sql<number>`coalesce(sum(${paymentOrders.refundedFen}), 0)`.mapWith(Number) })
    .from(paymentOrders)
    .where(inArray(paymentOrders.submissionId, submissionIds))
    .groupBy(paymentOrders.submissionId);
  return new Map(rows.map((r) => [r.submissionId, Number(r.refundedFen)]));
}

export async function getOrderById(db: DbOrTx, orderId: number) {
  return db.select().from(paymentOrders).where(eq(paymentOrders.id, orderId)).limit(1).then(firstRow);
}

/** A fully refunded order's submission no longer counts as paid: it gives back its place. */
export async function markSubmissionRefunded(db: DbOrTx, submissionId: number): Promise<void> {
  await db
    .update(submissions)
    .set({ paymentStatus: "refunded" })
    .where(and(eq(submissions.id, submissionId), eq(submissions.paymentStatus, "paid")));
}

/**
 * Of these orders, the ones to offer a one-step full refund: paid, nothing refunded or in flight,
 * and paid late or twice (another order of the same submission was paid too).
 */
export async function fullRefundOffers(db: DbOrTx, orderNos: string[]): Promise<Set<string>> {
  if (orderNos.length === 0) return new Set();
  const rows = await db
    .select({ orderNo: paymentOrders.orderNo })
    .from(paymentOrders)
    .where(
      and(
        inArray(paymentOrders.orderNo, orderNos),
        eq(paymentOrders.status, "paid"),
        eq(paymentOrders.refundedFen, 0),
        eq(paymentOrders.refundingFen, 0),
        or(
          eq(paymentOrders.latePayment, true),
          sql`exists (select 1 from payment_orders p where p.submission_id = ${paymentOrders.submissionId} and p.id <> ${paymentOrders.id} and p.paid_at is not null)`,
        ),
      ),
    );
  return new Set(rows.map((r) => r.orderNo));
}
