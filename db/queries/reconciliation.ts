// Reconciliation: our side of a Beijing day (orders paid, refunds succeeded, per account), and
// the stored result of each day with its differences and their resolutions.
import { and, asc, desc, eq, gte, inArray, isNull, lt, notInArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { paymentOrders, reconciliationDays, reconciliationDifferences, refunds, type ProviderId, type ReconciliationStatus } from "../schema";
import { firstRow, onlyRow } from "./rows";

export type ReconciliationDayRow = typeof reconciliationDays.$inferSelect;
export type DifferenceRow = typeof reconciliationDifferences.$inferSelect;

interface DayScope {
  provider: ProviderId;
  accountRef: string;
  startMs: number;
  endMs: number;
}

/** Orders of the account whose money arrived in [startMs, endMs) (paid_at is set only by a paid fact). */
export async function ordersPaidBetween(db: DbOrTx, scope: DayScope) {
  return db
    .select({ orderNo: paymentOrders.orderNo, platformTradeNo: paymentOrders.platformTradeNo, amountFen: paymentOrders.amountFen })
    .from(paymentOrders)
    .where(
      and(
        eq(paymentOrders.provider, scope.provider),
        eq(paymentOrders.accountRef, scope.accountRef),
        gte(paymentOrders.paidAt, scope.startMs),
        lt(paymentOrders.paidAt, scope.endMs),
      ),
    )
    .orderBy(asc(paymentOrders.paidAt), asc(paymentOrders.id));
}

/** Refunds of the account's orders that succeeded in [startMs, endMs). */
export async function refundsSucceededBetween(db: DbOrTx, scope: DayScope) {
  return db
    .select({ refundNo: refunds.refundNo, orderNo: paymentOrders.orderNo, amountFen: refunds.amountFen })
    .from(refunds)
    .innerJoin(paymentOrders, eq(paymentOrders.id, refunds.orderId))
    .where(
      and(
        eq(refunds.status, "succeeded"),
        eq(paymentOrders.provider, scope.provider),
        eq(paymentOrders.accountRef, scope.accountRef),
        gte(refunds.succeededAt, scope.startMs),
        lt(refunds.succeededAt, scope.endMs),
      ),
    )
    .orderBy(asc(refunds.succeededAt), asc(refunds.id));
}

export interface DayKey {
  provider: ProviderId;
  accountRef: string;
  billDate: string;
}

export async function getDay(db: DbOrTx, key: DayKey): Promise<ReconciliationDayRow | undefined> {
  return db
    .select()
    .from(reconciliationDays)
    .where(and(eq(reconciliationDays.provider, key.provider), eq(reconciliationDays.accountRef, key.accountRef), eq(reconciliationDays.billDate, key.billDate)))
    .limit(1)
    .then(firstRow);
}

export async function getDayById(db: DbOrTx, id: number): Promise<ReconciliationDayRow | undefined> {
  return db.select().from(reconciliationDays).where(eq(reconciliationDays.id, id)).limit(1).then(firstRow);
}

export type DayValues = Omit<typeof reconciliationDays.$inferInsert, "id" | "provider" | "accountRef" | "billDate" | "createdAt" | "updatedAt">;

/**
 * Creates or overwrites the day's row. ON CONFLICT on the (provider, account, date) unique index:
 * two runs at once both land on the one row, the second waiting for the first's row lock.
 */
export async function upsertDay(db: DbOrTx, key: DayKey, values: DayValues, now: number): Promise<ReconciliationDayRow> {
  return db
    .insert(reconciliationDays)
    .values({ ...key, ...values, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [reconciliationDays.provider, reconciliationDays.accountRef, reconciliationDays.billDate],
      set: { ...values, updatedAt: now },
    })
    .returning()
    .then(onlyRow);
}

export async function setDayStatus(db: DbOrTx, dayId: number, status: ReconciliationStatus, now: number): Promise<void> {
  await db.update(reconciliationDays).set({ status, updatedAt: now }).where(eq(reconciliationDays.id, dayId));
}

export type NewDifference = Pick<
  typeof reconciliationDifferences.$inferInsert,
  "differenceKey" | "kind" | "orderNo" | "platformTradeNo" | "refundNo" | "ourAmountFen" | "platformAmountFen"
>;

/**
 * The day's differences become exactly `next`: those no longer found are deleted; those that remain
 * keep their resolution (ON CONFLICT on (day, key) updates the amounts only).
 */
export async function replaceDifferences(db: DbOrTx, dayId: number, next: NewDifference[], now: number): Promise<void> {
  const keys = next.map((d) => d.differenceKey);
  await db
    .delete(reconciliationDifferences)
    .where(and(eq(reconciliationDifferences.dayId, dayId), ...(keys.length ? [notInArray(reconciliationDifferences.differenceKey, keys)] : [])));
  for (const d of next) {
    const amounts = { platformTradeNo: d.platformTradeNo ?? null, ourAmountFen: d.ourAmountFen ?? null, platformAmountFen: d.platformAmountFen ?? null };
    await db
      .insert(reconciliationDifferences)
      .values({ ...d, ...amounts, dayId, createdAt: now })
      .onConflictDoUpdate({ target: [reconciliationDifferences.dayId, reconciliationDifferences.differenceKey], set: amounts });
  }
}

export async function differencesOfDay(db: DbOrTx, dayId: number): Promise<DifferenceRow[]> {
  return db.select().from(reconciliationDifferences).where(eq(reconciliationDifferences.dayId, dayId)).orderBy(asc(reconciliationDifferences.id));
}

export async function getDifference(db: DbOrTx, id: number): Promise<DifferenceRow | undefined> {
  return db.select().from(reconciliationDifferences).where(eq(reconciliationDifferences.id, id)).limit(1).then(firstRow);
}

/** Marks a difference resolved once: false when it already was (or is gone). */
export async function resolveDifferenceRow(
  db: DbOrTx,
  id: number,
  set: { resolution: string; resolutionNote: string | null; resolvedByName: string; resolvedAt: number },
): Promise<boolean> {
  const changed = await db
    .update(reconciliationDifferences)
    .set(set)
    .where(and(eq(reconciliationDifferences.id, id), isNull(reconciliationDifferences.resolvedAt)))
    .returning({ id: reconciliationDifferences.id });
  return changed.length === 1;
}

export async function unresolvedCount(db: DbOrTx, dayId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(reconciliationDifferences)
    .where(and(eq(reconciliationDifferences.dayId, dayId), isNull(reconciliationDifferences.resolvedAt)));
  return row?.n ?? 0;
}

/** Per day: how many differences it has and how many are still open. */
export async function differenceCounts(db: DbOrTx, dayIds: number[]): Promise<Map<number, { total: number; open: number }>> {
  if (!dayIds.length) return new Map();
  const rows = await db
    .select({
      dayId: reconciliationDifferences.dayId,
      total: sql<number>`count(*)`.mapWith(Number),
      open: sql<number>`coalesce(sum(case when ${reconciliationDifferences.resolvedAt} is null then 1 else 0 end), 0)`.mapWith(Number),
    })
    .from(reconciliationDifferences)
    .where(inArray(reconciliationDifferences.dayId, dayIds))
    .groupBy(reconciliationDifferences.dayId);
  return new Map(rows.map((r) => [r.dayId, { total: r.total, open: r.open }]));
}

export interface DayListFilter {
  provider?: ProviderId;
  accountRef?: string;
  status?: ReconciliationStatus;
}

/** The latest days first (by bill date), at most `limit`. */
export async function listDays(db: DbOrTx, filter: DayListFilter, limit: number): Promise<ReconciliationDayRow[]> {
  const where = [
    filter.provider ? eq(reconciliationDays.provider, filter.provider) : undefined,
    filter.accountRef ? eq(reconciliationDays.accountRef, filter.accountRef) : undefined,
    filter.status ? eq(reconciliationDays.status, filter.status) : undefined,
  ].filter((w) => w !== undefined);
  return db
    .select()
    .from(reconciliationDays)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(reconciliationDays.billDate), asc(reconciliationDays.provider), asc(reconciliationDays.accountRef))
    .limit(limit);
}

/** Takes the day row's lock for the rest of the transaction (resolutions of one day then run one at a time). */
export async function lockDay(db: DbOrTx, dayId: number, now: number): Promise<ReconciliationDayRow | undefined> {
  return db.update(reconciliationDays).set({ updatedAt: now }).where(eq(reconciliationDays.id, dayId)).returning().then(firstRow);
}

/** Days that still have open differences, latest first: the dashboard's attention list. */
export async function daysWithOpenDifferences(db: DbOrTx, limit: number) {
  return db
    .select({
      id: reconciliationDays.id,
      provider: reconciliationDays.provider,
      accountRef: reconciliationDays.accountRef,
      billDate: reconciliationDays.billDate,
      open: sql<number>`count(*)`.mapWith(Number),
    })
    .from(reconciliationDays)
    .innerJoin(reconciliationDifferences, eq(reconciliationDifferences.dayId, reconciliationDays.id))
    .where(and(eq(reconciliationDays.status, "differences"), isNull(reconciliationDifferences.resolvedAt)))
    .groupBy(reconciliationDays.id, reconciliationDays.provider, reconciliationDays.accountRef, reconciliationDays.billDate)
    .orderBy(desc(reconciliationDays.billDate))
    .limit(limit);
}
