import { eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { submissions } from "../schema";

export type SubmissionRow = typeof submissions.$inferSelect;

export function insertSubmission(db: DbOrTx, values: typeof submissions.$inferInsert): SubmissionRow {
  return db.insert(submissions).values(values).returning().get();
}

export function getSubmission(db: DbOrTx, id: number): SubmissionRow | undefined {
  return db.select().from(submissions).where(eq(submissions.id, id)).get();
}

export function markSubmissionPaid(db: DbOrTx, id: number): void {
  db.update(submissions).set({ paymentStatus: "paid" }).where(eq(submissions.id, id)).run();
}
