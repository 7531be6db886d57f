import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { forms, receivingAccounts, submissions, type FormStatus, type ProviderId } from "../schema";
import type { FormRow } from "./forms";

export interface FormListRow {
  form: FormRow;
  submissionCount: number;
  paidCount: number;
  paidFen: number;
}

export function listFormsWithCounts(db: DbOrTx): FormListRow[] {
  const rows = db
    .select({
      form: forms,
      submissionCount: sql<number>`(select count(*) from ${submissions} s where s.form_id = ${forms.id})`,
      paidCount: sql<number>`(select count(*) from ${submissions} s where s.form_id = ${forms.id} and s.payment_status = 'paid')`,
      paidFen: sql<number>`(select coalesce(sum(s.amount_fen), 0) from ${submissions} s where s.form_id = ${forms.id} and s.payment_status = 'paid')`,
    })
    .from(forms)
    .orderBy(desc(forms.updatedAt), desc(forms.id))
    .all();
  return rows.map((r) => ({ ...r, submissionCount: Number(r.submissionCount), paidCount: Number(r.paidCount), paidFen: Number(r.paidFen) }));
}

/** Saves an edit only if nobody saved since `expectedVersion` was read; bumps the version. */
export function updateFormIfVersion(
  db: DbOrTx,
  id: number,
  expectedVersion: number,
  set: Partial<typeof forms.$inferInsert>,
): FormRow | undefined {
  return db
    .update(forms)
    .set({ ...set, version: sql`${forms.version} + 1`, updatedAt: Date.now() })
    .where(and(eq(forms.id, id), eq(forms.version, expectedVersion)))
    .returning()
    .get();
}

export function setFormStatus(db: DbOrTx, id: number, from: FormStatus[], to: FormStatus): FormRow | undefined {
  return db
    .update(forms)
    .set({ status: to, updatedAt: Date.now() })
    .where(and(eq(forms.id, id), inArray(forms.status, from)))
    .returning()
    .get();
}

export function slugTaken(db: DbOrTx, slug: string): boolean {
  return db.select({ id: forms.id }).from(forms).where(eq(forms.slug, slug)).get() !== undefined;
}

export function enabledAccountsOf(db: DbOrTx) {
  return db
    .select({ id: receivingAccounts.id, provider: receivingAccounts.provider, name: receivingAccounts.name, merchantId: receivingAccounts.merchantId })
    .from(receivingAccounts)
    .where(eq(receivingAccounts.enabled, true))
    .orderBy(receivingAccounts.id)
    .all();
}

export function accountProvider(db: DbOrTx, id: number): { provider: ProviderId; enabled: boolean } | undefined {
  return db
    .select({ provider: receivingAccounts.provider, enabled: receivingAccounts.enabled })
    .from(receivingAccounts)
    .where(eq(receivingAccounts.id, id))
    .get();
}
