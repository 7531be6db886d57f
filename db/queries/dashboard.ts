// Aggregates for the admin dashboard, one pass each: paid orders grouped by (form, method, Beijing
// day) since a start, and created orders grouped by Beijing day. The caller folds these small
// groups into windows. Revenue counts by paid_at (when the money arrived); the success rate by
// created_at (of the orders opened, how many were paid). Integer division of (ms + 8h) by a day is
// the Beijing calendar day, in SQLite and PostgreSQL alike.
import { and, desc, eq, gte, inArray, isNotNull, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { forms, paymentOrders } from "../schema";

export const BEIJING_OFFSET_MS = 8 * 3600_000;
export const DAY_MS = 86_400_000;

// Constants inlined (not bound) so the grouped expression is the selected one, in integers.
const beijingDay = (column: typeof paymentOrders.paidAt | typeof paymentOrders.createdAt) =>
  sql<number>`(${column} + ${sql.raw(String(BEIJING_OFFSET_MS))}) / ${sql.raw(String(DAY_MS))}`.mapWith(Number);

/** Paid orders since fromMs by form, method and Beijing day (days since 1970-01-01). */
export async function paidGroups(db: DbOrTx, fromMs: number) {
  const day = beijingDay(paymentOrders.paidAt);
  return db
    .select({
      formId: paymentOrders.formId,
      provider: paymentOrders.provider,
      day,
      paidCount: sql<number>`count(*)`.mapWith(Number),
      revenueFen: sql<number>`coalesce(sum(${paymentOrders.amountFen}), 0)`.mapWith(Number),
      refundedFen: sql<number>`coalesce(sum(${paymentOrders.refundedFen}), 0)`.mapWith(Number),
    })
    .from(paymentOrders)
    .where(and(isNotNull(paymentOrders.paidAt), gte(paymentOrders.paidAt, fromMs)))
    .groupBy(paymentOrders.formId, paymentOrders.provider, day);
}

/** Orders created since fromMs by Beijing day, and how many of them have been paid since. */
export async function createdGroups(db: DbOrTx, fromMs: number) {
  const day = beijingDay(paymentOrders.createdAt);
  return db
    .select({
      day,
      created: sql<number>`count(*)`.mapWith(Number),
      paid: sql<number>`coalesce(sum(case when ${paymentOrders.paidAt} is not null then 1 else 0 end), 0)`.mapWith(Number),
    })
    .from(paymentOrders)
    .where(gte(paymentOrders.createdAt, fromMs))
    .groupBy(day);
}

export async function formTitles(db: DbOrTx, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: forms.id, title: forms.title }).from(forms).where(inArray(forms.id, ids));
  return new Map(rows.map((f) => [f.id, f.title]));
}

export async function ordersNeedingAttention(db: DbOrTx, limit: number) {
  return db
    .select({
      orderNo: paymentOrders.orderNo,
      formTitle: forms.title,
      provider: paymentOrders.provider,
      amountFen: paymentOrders.amountFen,
      status: paymentOrders.status,
      latePayment: paymentOrders.latePayment,
      hasAnomaly: paymentOrders.hasAnomaly,
      createdAt: paymentOrders.createdAt,
    })
    .from(paymentOrders)
    .innerJoin(forms, eq(forms.id, paymentOrders.formId))
    .where(or(eq(paymentOrders.hasAnomaly, true), eq(paymentOrders.latePayment, true)))
    .orderBy(desc(paymentOrders.createdAt), desc(paymentOrders.id))
    .limit(limit);
}
