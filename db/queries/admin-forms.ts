import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { firstRow } from "./rows";
import { forms, receivingAccounts, submissions, type FormStatus, type ProviderId } from "../schema";
import type { FormRow } from "./forms";

export interface FormListRow {
  form: FormRow;
  submissionCount: number;
  paidCount: number;
  paidFen: number;
}

export async function listFormsWithCounts(db: DbOrTx): Promise<FormListRow[]> {
  const rows = await db
    .select({
      form: forms,
      submissionCount: sql<number>`(select count(*) from ${submissions} s where s.form_id = "forms"."id")`.mapWith(Number),
      paidCount: sql<number>`(select count(*) from ${submissions} s where s.form_id = "forms"."id" and s.payment_status = 'paid')`.mapWith(Number),
      paidFen: sql<number>`(select coalesce(sum(s.amount_fen), 0) from ${submissions} s where s.form_id = "forms"."id" and s.payment_status = 'paid')`.mapWith(Number),
    })
    .from(forms)
    .orderBy(desc(forms.updatedAt), desc(forms.id));
  return rows.map((r) => ({ ...r, submissionCount: Number(r.submissionCount), paidCount: Number(r.paidCount), paidFen: Number(r.paidFen) }));
}

/** Saves an edit only if nobody saved since `expectedVersion` was read; bumps the version. */
export async function updateFormIfVersion(
  db: DbOrTx,
  id: number,
  expectedVersion: number,
  set: Partial<typeof forms.$inferInsert>,
): Promise<FormRow | undefined> {
  return db
    .update(forms)
    .set({ ...set, version: sql`${forms.version} + 1`, updatedAt: Date.now() })
    .where(and(eq(forms.id, id), eq(forms.version, expectedVersion)))
    .returning().then(firstRow);
}

export async function setFormStatus(db: DbOrTx, id: number, from: FormStatus[], to: FormStatus): Promise<FormRow | undefined> {
  return db
    .update(forms)
    .set({ status: to, updatedAt: Date.now() })
    .where(and(eq(forms.id, id), inArray(forms.status, from)))
    .returning().then(firstRow);
}

export async function slugTaken(db: DbOrTx, slug: string): Promise<boolean> {
  return (await db.select({ id: forms.id }).from(forms).where(eq(forms.slug, slug)).limit(1).then(firstRow)) !== undefined;
}

export async function enabledAccountsOf(db: DbOrTx) {
  return db
    .select({ id: receivingAccounts.id, provider: receivingAccounts.provider, name: receivingAccounts.name, merchantId: receivingAccounts.merchantId })
    .from(receivingAccounts)
    .where(eq(receivingAccounts.enabled, true))
    .orderBy(receivingAccounts.id);
}

export async function accountProvider(db: DbOrTx, id: number): Promise<{ provider: ProviderId; enabled: boolean } | undefined> {
  return db
    .select({ provider: receivingAccounts.provider, enabled: receivingAccounts.enabled })
    .from(receivingAccounts)
    .where(eq(receivingAccounts.id, id))
    .limit(1).then(firstRow);
}
