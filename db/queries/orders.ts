import { and, desc, eq, inArray, isNull, lt, or } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { notifyJournal, orderEvents, paymentOrders, type OrderEventType, type OrderStatus } from "../schema";

export type OrderRow = typeof paymentOrders.$inferSelect;
export type OrderEventRow = typeof orderEvents.$inferSelect;

export function getOrderByNo(db: DbOrTx, orderNo: string): OrderRow | undefined {
  return db.select().from(paymentOrders).where(eq(paymentOrders.orderNo, orderNo)).get();
}

export function insertOrder(db: DbOrTx, values: typeof paymentOrders.$inferInsert): OrderRow {
  return db.insert(paymentOrders).values(values).returning().get();
}

/** Orders of one submission, newest first. */
export function ordersOfSubmission(db: DbOrTx, submissionId: number): OrderRow[] {
  return db.select().from(paymentOrders).where(eq(paymentOrders.submissionId, submissionId)).orderBy(desc(paymentOrders.id)).all();
}

/**
 * The conditional update every state change goes through: it changes the row only while the
 * order is still in one of `from`, and says whether it did. Zero rows means someone else won.
 */
export function transitionOrder(
  db: DbOrTx,
  orderId: number,
  from: OrderStatus[],
  set: Partial<typeof paymentOrders.$inferInsert> & { status: OrderStatus },
): boolean {
  const result = db
    .update(paymentOrders)
    .set({ ...set, updatedAt: Date.now() })
    .where(and(eq(paymentOrders.id, orderId), inArray(paymentOrders.status, from)))
    .run();
  return result.changes === 1;
}

/** Non-state columns (codeUrl, anomaly flag, ...) on a still-pending order. */
export function updatePendingOrder(db: DbOrTx, orderId: number, set: Partial<typeof paymentOrders.$inferInsert>): boolean {
  const result = db
    .update(paymentOrders)
    .set({ ...set, updatedAt: Date.now() })
    .where(and(eq(paymentOrders.id, orderId), eq(paymentOrders.status, "pending")))
    .run();
  return result.changes === 1;
}

export function flagAnomaly(db: DbOrTx, orderId: number): void {
  db.update(paymentOrders).set({ hasAnomaly: true, updatedAt: Date.now() }).where(eq(paymentOrders.id, orderId)).run();
}

/** Claims the right to query the platform now: at most one query per order per interval, across processes. */
export function claimQuerySlot(db: DbOrTx, orderId: number, now: number, intervalMs: number): boolean {
  const result = db
    .update(paymentOrders)
    .set({ lastQueriedAt: now })
    .where(
      and(
        eq(paymentOrders.id, orderId),
        or(isNull(paymentOrders.lastQueriedAt), lt(paymentOrders.lastQueriedAt, now - intervalMs)),
      ),
    )
    .run();
  return result.changes === 1;
}

export function pendingOrdersDue(db: DbOrTx, queriedBefore: number, limit: number): OrderRow[] {
  return db
    .select()
    .from(paymentOrders)
    .where(
      and(
        eq(paymentOrders.status, "pending"),
        or(isNull(paymentOrders.lastQueriedAt), lt(paymentOrders.lastQueriedAt, queriedBefore)),
      ),
    )
    .orderBy(paymentOrders.id)
    .limit(limit)
    .all();
}

export function addOrderEvent(
  db: DbOrTx,
  orderId: number,
  type: OrderEventType,
  message: string,
  detail?: unknown,
): void {
  db.insert(orderEvents)
    .values({ orderId, type, message, detailJson: detail === undefined ? null : JSON.stringify(detail), createdAt: Date.now() })
    .run();
}

export function orderEventsOf(db: DbOrTx, orderId: number): OrderEventRow[] {
  return db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(orderEvents.id).all();
}

export function journalNotify(db: DbOrTx, values: typeof notifyJournal.$inferInsert): number {
  return db.insert(notifyJournal).values(values).returning({ id: notifyJournal.id }).get().id;
}
