import { and, eq, gt, inArray, or, sql } from "drizzle-orm";
import { databaseEngine, rawRows, type DbOrTx } from "../client";
import { firstRow, onlyRow } from "./rows";
import { forms, paymentOrders, submissions } from "../schema";

export type FormRow = typeof forms.$inferSelect;

export async function getFormBySlug(db: DbOrTx, slug: string): Promise<FormRow | undefined> {
  return db.select().from(forms).where(eq(forms.slug, slug)).limit(1).then(firstRow);
}

export async function getFormById(db: DbOrTx, id: number): Promise<FormRow | undefined> {
  return db.select().from(forms).where(eq(forms.id, id)).limit(1).then(firstRow);
}

export async function insertForm(db: DbOrTx, values: typeof forms.$inferInsert): Promise<FormRow> {
  return db.insert(forms).values(values).returning().then(onlyRow);
}

/** Submissions that filled a place for good: paid, or free forms' (which need no payment). */
export async function countFilledPlaces(db: DbOrTx, formId: number): Promise<number> {
  const row = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(submissions)
    .where(and(eq(submissions.formId, formId), inArray(submissions.paymentStatus, ["paid", "none"])))
    .limit(1).then(firstRow);
  return row?.n ?? 0;
}

/**
 * Places a form's cap counts as taken: submissions paid (or free ones, which need no payment)
 * plus those whose payer is paying right now (a pending order that has not expired).
 */
export async function countTakenPlaces(db: DbOrTx, formId: number, now: number): Promise<number> {
  const paying = db
    .select({ id: paymentOrders.submissionId })
    .from(paymentOrders)
    .where(and(eq(paymentOrders.formId, formId), eq(paymentOrders.status, "pending"), gt(paymentOrders.expiresAt, now)));
  const row = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(submissions)
    .where(
      and(
        eq(submissions.formId, formId),
        or(inArray(submissions.paymentStatus, ["paid", "none"]), inArray(submissions.id, paying)),
      ),
    )
    .limit(1).then(firstRow);
  return row?.n ?? 0;
}

/**
 * Locks the form's row until the transaction ends, so holds of its places and stock are counted
 * and taken one payer at a time on PostgreSQL (READ COMMITTED would let two payers both see the
 * last unit free). SQLite needs nothing: BEGIN IMMEDIATE already runs write transactions one at a time.
 */
export async function lockFormForHolds(tx: DbOrTx, formId: number): Promise<void> {
  if (databaseEngine === "postgres") await rawRows(tx, sql`select id from forms where id = ${formId} for update`);
}
