import { and, asc, desc, eq, inArray, isNull, lt, lte, ne, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { notifyJournal, orderEvents, paymentOrders, type OrderEventType, type OrderStatus } from "../schema";
import { placeholders, preparedPerHandle } from "./prepared";
import { onlyRow } from "./rows";

export type OrderRow = typeof paymentOrders.$inferSelect;
export type OrderEventRow = typeof orderEvents.$inferSelect;

// Read on every notify, query and sweep: kept prepared (./prepared.ts).
const orderByNo = preparedPerHandle("order_by_no", (db) =>
  db.select().from(paymentOrders).where(eq(paymentOrders.orderNo, sql.placeholder("orderNo"))).limit(1),
);

export async function getOrderByNo(db: DbOrTx, orderNo: string): Promise<OrderRow | undefined> {
  return ((await orderByNo(db).execute({ orderNo })) as OrderRow[])[0];
}

/** Throws a unique-constraint error when the submission already has a pending order (orders_one_pending_uq). */
export async function insertOrder(db: DbOrTx, values: typeof paymentOrders.$inferInsert): Promise<OrderRow> {
  return db.insert(paymentOrders).values(values).returning().then(onlyRow);
}

/** Orders of one submission, newest first. */
export async function ordersOfSubmission(db: DbOrTx, submissionId: number): Promise<OrderRow[]> {
  return db.select().from(paymentOrders).where(eq(paymentOrders.submissionId, submissionId)).orderBy(desc(paymentOrders.id));
}

/** Whether the submission has a paid order other than this one (money taken twice). */
export async function anotherOrderPaid(db: DbOrTx, submissionId: number, orderId: number): Promise<boolean> {
  return (await otherPaidOrder(db).execute({ submissionId, orderId })).length > 0;
}
const otherPaidOrder = preparedPerHandle("other_paid_order", (db) =>
  db
    .select({ id: paymentOrders.id })
    .from(paymentOrders)
    .where(and(eq(paymentOrders.submissionId, sql.placeholder("submissionId")), eq(paymentOrders.status, "paid"), ne(paymentOrders.id, sql.placeholder("orderId"))))
    .limit(1),
);

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
  const values = { ...set, updatedAt: Date.now() };
  // As drizzle's set(): a key given as undefined is left alone, not set to NULL.
  const columns = (Object.keys(values) as (keyof typeof values)[]).filter((column) => values[column] !== undefined);
  const changed = await transitionStatement(from, columns)(db).execute({ ...values, orderId });
  return (changed as unknown[]).length === 1;
}

// Each transition (its from-states and the columns it sets) is one statement, kept prepared: a
// handful of shapes in all, each on every notify or query that changes an order.
const transitionStatements = new Map<string, ReturnType<typeof buildTransition>>();
function transitionStatement(from: OrderStatus[], columns: (keyof typeof paymentOrders.$inferInsert)[]) {
  const shape = `${from.join(",")}|${columns.join(",")}`;
  let statement = transitionStatements.get(shape);
  if (!statement) transitionStatements.set(shape, (statement = buildTransition(`transition_order_${transitionStatements.size}`, from, columns)));
  return statement;
}
function buildTransition(name: string, from: OrderStatus[], columns: (keyof typeof paymentOrders.$inferInsert)[]) {
  // drizzle's set() types take values, not placeholders; at run time it binds them as it does for inserts.
  const set: Record<string, unknown> = placeholders(columns);
  return preparedPerHandle(name, (db) =>
    db
      .update(paymentOrders)
      .set(set)
      .where(and(eq(paymentOrders.id, sql.placeholder("orderId")), inArray(paymentOrders.status, from)))
      .returning({ id: paymentOrders.id }),
  );
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
  await insertOrderEvent(db).execute({ orderId, type, message, detailJson: detail === undefined ? null : JSON.stringify(detail), createdAt: Date.now() });
}
const insertOrderEvent = preparedPerHandle("insert_order_event", (db) =>
  db.insert(orderEvents).values(placeholders(["orderId", "type", "message", "detailJson", "createdAt"])),
);

export async function orderEventsOf(db: DbOrTx, orderId: number): Promise<OrderEventRow[]> {
  return db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(orderEvents.id);
}

export async function journalNotify(db: DbOrTx, values: JournalEntry): Promise<void> {
  await insertJournalEntry(db).execute(values);
}
type JournalEntry = Pick<typeof notifyJournal.$inferInsert, "provider" | "orderNo" | "headersJson" | "body" | "verified" | "outcome" | "receivedAt">;
const insertJournalEntry = preparedPerHandle("insert_notify_journal", (db) =>
  db.insert(notifyJournal).values(placeholders(["provider", "orderNo", "headersJson", "body", "verified", "outcome", "receivedAt"])),
);

/** Deletes rejected (unverified) notifies received before `before`; verified ones are the orders' history and stay. */
export async function pruneRejectedNotifies(db: DbOrTx, before: number): Promise<number> {
  const deleted = await db
    .delete(notifyJournal)
    .where(and(eq(notifyJournal.verified, false), lt(notifyJournal.receivedAt, before)))
    .returning({ id: notifyJournal.id });
  return deleted.length;
}
