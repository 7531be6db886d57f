import { desc, eq, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { forms, receivingAccounts, type ProviderId } from "../schema";

export type AccountRow = typeof receivingAccounts.$inferSelect;

export function listAccounts(db: DbOrTx): AccountRow[] {
  return db.select().from(receivingAccounts).orderBy(desc(receivingAccounts.id)).all();
}

export function getAccount(db: DbOrTx, id: number): AccountRow | undefined {
  return db.select().from(receivingAccounts).where(eq(receivingAccounts.id, id)).get();
}

export function insertAccount(db: DbOrTx, values: typeof receivingAccounts.$inferInsert): AccountRow {
  return db.insert(receivingAccounts).values(values).returning().get();
}

export function updateAccount(db: DbOrTx, id: number, set: Partial<typeof receivingAccounts.$inferInsert>): AccountRow | undefined {
  return db
    .update(receivingAccounts)
    .set({ ...set, updatedAt: Date.now() })
    .where(eq(receivingAccounts.id, id))
    .returning()
    .get();
}

/** account id → number of forms that send that provider's money to it. */
export function formsUsingAccounts(db: DbOrTx): Map<number, number> {
  const rows = db
    .select({ wechat: forms.wechatAccountId, alipay: forms.alipayAccountId, n: sql<number>`count(*)` })
    .from(forms)
    .where(or(sql`${forms.wechatAccountId} is not null`, sql`${forms.alipayAccountId} is not null`))
    .groupBy(forms.wechatAccountId, forms.alipayAccountId)
    .all();
  const counts = new Map<number, number>();
  for (const row of rows) {
    for (const id of [row.wechat, row.alipay]) if (id !== null) counts.set(id, (counts.get(id) ?? 0) + row.n);
  }
  return counts;
}

export function enabledAccountsOf(db: DbOrTx, provider: ProviderId): AccountRow[] {
  return listAccounts(db).filter((a) => a.provider === provider && a.enabled);
}
