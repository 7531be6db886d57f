import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { forms, submissions } from "../schema";

export type FormRow = typeof forms.$inferSelect;

export function getFormBySlug(db: DbOrTx, slug: string): FormRow | undefined {
  return db.select().from(forms).where(eq(forms.slug, slug)).get();
}

export function getFormById(db: DbOrTx, id: number): FormRow | undefined {
  return db.select().from(forms).where(eq(forms.id, id)).get();
}

export function insertForm(db: DbOrTx, values: typeof forms.$inferInsert): FormRow {
  return db.insert(forms).values(values).returning().get();
}

export function countPaidSubmissions(db: DbOrTx, formId: number): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(submissions)
    .where(and(eq(submissions.formId, formId), eq(submissions.paymentStatus, "paid")))
    .get();
  return row?.n ?? 0;
}
