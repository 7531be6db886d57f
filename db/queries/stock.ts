import { and, eq, gt, ne, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { stockHolds, submissions } from "../schema";

/** Units taken per item: held by paid submissions, or by unpaid ones whose hold has not run out. */
export async function takenUnits(db: DbOrTx, formId: number, now: number, exceptSubmissionId?: number): Promise<Map<string, number>> {
  const rows = await db
    .select({ itemId: stockHolds.itemId, units: sql<number>`sum(${stockHolds.quantity})`.mapWith(Number) })
    .from(stockHolds)
    .innerJoin(submissions, eq(submissions.id, stockHolds.submissionId))
    .where(
      and(
        eq(stockHolds.formId, formId),
        or(eq(submissions.paymentStatus, "paid"), gt(stockHolds.holdUntil, now)),
        exceptSubmissionId === undefined ? undefined : ne(stockHolds.submissionId, exceptSubmissionId),
      ),
    )
    .groupBy(stockHolds.itemId);
  return new Map(rows.map((r) => [r.itemId, Number(r.units)]));
}

export async function deleteHoldsOf(db: DbOrTx, submissionId: number): Promise<void> {
  await db.delete(stockHolds).where(eq(stockHolds.submissionId, submissionId));
}

export async function insertHolds(db: DbOrTx, values: (typeof stockHolds.$inferInsert)[]): Promise<void> {
  if (values.length) await db.insert(stockHolds).values(values);
}

/** Ends a submission's unpaid hold now (its order closed or failed): its units are free at once. */
export async function releaseHoldsOf(db: DbOrTx, submissionId: number, now: number): Promise<void> {
  await db
    .update(stockHolds)
    .set({ holdUntil: now })
    .where(and(eq(stockHolds.submissionId, submissionId), gt(stockHolds.holdUntil, now)));
}
