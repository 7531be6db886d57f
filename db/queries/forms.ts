import { and, eq, gt, inArray, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { forms, paymentOrders, submissions } from "../schema";

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

/** Submissions that filled a place for good: paid, or free forms' (which need no payment). */
export function countFilledPlaces(db: DbOrTx, formId: number): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(submissions)
    .where(and(eq(submissions.formId, formId), inArray(submissions.paymentStatus, ["paid", "none"])))
    .get();
  return row?.n ?? 0;
}

/**
 * Places a form's cap counts as taken: submissions paid (or free ones, which need no payment)
 * plus those whose payer is paying right now (a pending order that has not expired).
 */
export function countTakenPlaces(db: DbOrTx, formId: number, now: number): number {
  const paying = db
    .select({ id: paymentOrders.submissionId })
    .from(paymentOrders)
    .where(and(eq(paymentOrders.formId, formId), eq(paymentOrders.status, "pending"), gt(paymentOrders.expiresAt, now)));
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(submissions)
    .where(
      and(
        eq(submissions.formId, formId),
        or(inArray(submissions.paymentStatus, ["paid", "none"]), inArray(submissions.id, paying)),
      ),
    )
    .get();
  return row?.n ?? 0;
}
