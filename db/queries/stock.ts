import { and, eq, gt, ne, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { stockHolds, submissions } from "../schema";

/** Units taken per item: held by paid submissions, or by unpaid ones whose hold has not run out. */
export function takenUnits(db: DbOrTx, formId: number, now: number, exceptSubmissionId?: number): Map<string, number> {
  const rows = db
    .select({ itemId: stockHolds.itemId, units: sql<number>`sum(${stockHolds.quantity})` })
    .from(stockHolds)
    .innerJoin(submissions, eq(submissions.id, stockHolds.submissionId))
    .where(
      and(
        eq(stockHolds.formId, formId),
        or(eq(submissions.paymentStatus, "paid"), gt(stockHolds.holdUntil, now)),
        exceptSubmissionId === undefined ? undefined : ne(stockHolds.submissionId, exceptSubmissionId),
      ),
    )
    .groupBy(stockHolds.itemId)
    .all();
  return new Map(rows.map((r) => [r.itemId, Number(r.units)]));
}

export function deleteHoldsOf(db: DbOrTx, submissionId: number): void {
  db.delete(stockHolds).where(eq(stockHolds.submissionId, submissionId)).run();
}

export function insertHolds(db: DbOrTx, values: (typeof stockHolds.$inferInsert)[]): void {
  if (values.length) db.insert(stockHolds).values(values).run();
}
