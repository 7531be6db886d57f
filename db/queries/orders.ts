import { and, asc, desc, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { notifyJournal, orderEvents, paymentOrders, type OrderEventType, type OrderStatus } from "../schema";
import { onlyRow } from "./rows";

export type OrderRow = typeof paymentOrders.$inferSelect;
export type OrderEventRow = typeof orderEvents.$inferSelect;

// Read three times per notify (and by every query and sweep): built once per handle and kept
// prepared, as the status read is (db/queries/order-status.ts). Building drizzle's full-row SQL
// anew cost more CPU than SQLite's work.
function buildOrderByNo(db: DbOrTx) {
  const query = db.select().from(paymentOrders).where(eq(paymentOrders.orderNo, sql.placeholder("orderNo"))).limit(1);
  // On PostgreSQL the builder is node-postgres's, whose prepare(name) makes a named statement.
  return (query.prepare as unknown as (name?: string) => ReturnType<typeof query.prepare>)("order_by_no");
}
const orderByNo = new WeakMap<DbOrTx, ReturnType<typeof buildOrderByNo>>();

export async function getOrderByNo(db: DbOrTx, orderNo: string): Promise<OrderRow | undefined> {
  let query = orderByNo.get(db);
  if (!query) orderByNo.set(db, (query = buildOrderByNo(db)));
  return ((await query.execute({ orderNo })) as OrderRow[])[0];
}

/** Throws a unique-constraint error when the submission already has a pending order (orders_one_pending_uq). */
export async function insertOrder(db: DbOrTx, values: typeof paymentOrders.$inferInsert): Promise<OrderRow> {
  return db.insert(paymentOrders).values(values).returning().then(onlyRow);
}

/** Orders of one submission, newest first. */
export async function ordersOfSubmission(db: DbOrTx, submissionId: number): Promise<OrderRow[]> {
  return db.select().from(paymentOrders).where(eq(paymentOrders.submissionId, submissionId)).orderBy(desc(paymentOrders.id));
}

/**
 * The conditional update every state change goes through: it changes the row only while the
 * order is still in one of `from`, and says whether it did. Zero rows means someone else won.
 */
export async function transitionOrder(
  db: DbOrTx,
  orderId: number,
  from: OrderStatus[],
  set: Partial<typeof paymentOrders.$inferInsert> & { status: OrderStatus },
): Promise<boolean> {
  const changed = await db
    .update(paymentOrders)
    .set({ ...set, updatedAt: Date.now() })
    .where(and(eq(paymentOrders.id, orderId), inArray(paymentOrders.status, from)))
    .returning({ id: paymentOrders.id });
  return changed.length === 1;
}

/** Non-state columns (codeUrl, anomaly flag, ...) on a still-pending order. */
export async function updatePendingOrder(db: DbOrTx, orderId: number, set: Partial<typeof paymentOrders.$inferInsert>): Promise<boolean> {
  const changed = await db
    .update(paymentOrders)
    .set({ ...set, updatedAt: Date.now() })
    .where(and(eq(paymentOrders.id, orderId), eq(paymentOrders.status, "pending")))
    .returning({ id: paymentOrders.id });
  return changed.length === 1;
}

export async function flagAnomaly(db: DbOrTx, orderId: number): Promise<void> {
  await db.update(paymentOrders).set({ hasAnomaly: true, updatedAt: Date.now() }).where(eq(paymentOrders.id, orderId));
}

/** Claims the right to query the platform now: at most one query per order per interval, across processes. */
export async function claimQuerySlot(db: DbOrTx, orderId: number, now: number, intervalMs: number): Promise<boolean> {
  // One conditional UPDATE: of two processes racing for the slot, exactly one sees its row change.
  const claimed = await db
    .update(paymentOrders)
    .set({ lastQueriedAt: now })
    .where(
      and(
        eq(paymentOrders.id, orderId),
        or(isNull(paymentOrders.lastQueriedAt), lt(paymentOrders.lastQueriedAt, now - intervalMs)),
      ),
    )
    .returning({ id: paymentOrders.id });
  return claimed.length === 1;
}

/** Pending orders whose next platform query is due, the longest-waiting first. */
export async function pendingOrdersDue(db: DbOrTx, now: number, limit: number): Promise<OrderRow[]> {
  return db
    .select()
    .from(paymentOrders)
    .where(and(eq(paymentOrders.status, "pending"), lte(paymentOrders.nextQueryAt, now)))
    .orderBy(asc(paymentOrders.nextQueryAt), asc(paymentOrders.id))
    .limit(limit);
}

/**
 * Moves a pending order's next query from `expectedDueAt` to `nextQueryAt`: a conditional update,
 * so of two sweeps that picked the same order only one goes on to query it.
 */
export async function claimDueQuery(db: DbOrTx, orderId: number, expectedDueAt: number, nextQueryAt: number, now: number): Promise<boolean> {
  const claimed = await db
    .update(paymentOrders)
    .set({ nextQueryAt, lastQueriedAt: now, queryCount: sql`${paymentOrders.queryCount} + 1` })
    .where(and(eq(paymentOrders.id, orderId), eq(paymentOrders.status, "pending"), eq(paymentOrders.nextQueryAt, expectedDueAt)))
    .returning({ id: paymentOrders.id });
  return claimed.length === 1;
}

export async function addOrderEvent(db: DbOrTx, orderId: number, type: OrderEventType, message: string, detail?: unknown): Promise<void> {
  await db
    .insert(orderEvents)
    .values({ orderId, type, message, detailJson: detail === undefined ? null : JSON.stringify(detail), createdAt: Date.now() });
}

export async function orderEventsOf(db: DbOrTx, orderId: number): Promise<OrderEventRow[]> {
  return db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(orderEvents.id);
}

export async function journalNotify(db: DbOrTx, values: typeof notifyJournal.$inferInsert): Promise<number> {
  const row = await db.insert(notifyJournal).values(values).returning({ id: notifyJournal.id }).then(onlyRow);
  return row.id;
}

/** Deletes rejected (unverified) notifies received before `before`; verified ones are the orders' history and stay. */
export async function pruneRejectedNotifies(db: DbOrTx, before: number): Promise<number> {
  const deleted = await db
    .delete(notifyJournal)
    .where(and(eq(notifyJournal.verified, false), lt(notifyJournal.receivedAt, before)))
    .returning({ id: notifyJournal.id });
  return deleted.length;
}
