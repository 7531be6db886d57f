import { and, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { submissions } from "../schema";
import { preparedPerHandle } from "./prepared";
import { firstRow, onlyRow } from "./rows";

export type SubmissionRow = typeof submissions.$inferSelect;

export async function insertSubmission(db: DbOrTx, values: typeof submissions.$inferInsert): Promise<SubmissionRow> {
  return db.insert(submissions).values(values).returning().then(onlyRow);
}

export async function getSubmission(db: DbOrTx, id: number): Promise<SubmissionRow | undefined> {
  return db.select().from(submissions).where(eq(submissions.id, id)).limit(1).then(firstRow);
}

export async function markSubmissionPaid(db: DbOrTx, id: number): Promise<void> {
  await submissionPaid(db).execute({ id });
}
// On every payment: kept prepared (./prepared.ts).
const submissionPaid = preparedPerHandle("mark_submission_paid", (db) =>
  db.update(submissions).set({ paymentStatus: "paid" }).where(eq(submissions.id, sql.placeholder("id"))),
);

/** Records when the submission's first order opened (the start of its longest hold); later calls keep the first. */
export async function startHoldClock(db: DbOrTx, id: number, now: number): Promise<void> {
  await db
    .update(submissions)
    .set({ holdStartedAt: now })
    .where(and(eq(submissions.id, id), isNull(submissions.holdStartedAt)));
}
