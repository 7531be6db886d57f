import { desc, eq, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { firstRow, onlyRow } from "./rows";
import { forms, receivingAccounts, type ProviderId } from "../schema";

export type AccountRow = typeof receivingAccounts.$inferSelect;

export async function listAccounts(db: DbOrTx): Promise<AccountRow[]> {
  return db.select().from(receivingAccounts).orderBy(desc(receivingAccounts.id));
}

export async function getAccount(db: DbOrTx, id: number): Promise<AccountRow | undefined> {
  return db.select().from(receivingAccounts).where(eq(receivingAccounts.id, id)).limit(1).then(firstRow);
}

export async function insertAccount(db: DbOrTx, values: typeof receivingAccounts.$inferInsert): Promise<AccountRow> {
  return db.insert(receivingAccounts).values(values).returning().then(onlyRow);
}

export async function updateAccount(db: DbOrTx, id: number, set: Partial<typeof receivingAccounts.$inferInsert>): Promise<AccountRow | undefined> {
  return db
    .update(receivingAccounts)
    .set({ ...set, updatedAt: Date.now() })
    .where(eq(receivingAccounts.id, id))
    .returning().then(onlyRow);
}

/** account id → number of forms that send that provider's money to it. */
export async function formsUsingAccounts(db: DbOrTx): Promise<Map<number, number>> {
  const rows = await db
    .select({ wechat: forms.wechatAccountId, alipay: forms.alipayAccountId, n: sql<number>`count(*)`.mapWith(Number) })
    .from(forms)
    .where(or(sql`${forms.wechatAccountId} is not null`, sql`${forms.alipayAccountId} is not null`))
    .groupBy(forms.wechatAccountId, forms.alipayAccountId);
  const counts = new Map<number, number>();
  for (const row of rows) {
    for (const id of [row.wechat, row.alipay]) if (id !== null) counts.set(id, (counts.get(id) ?? 0) + row.n);
  }
  return counts;
}

export async function enabledAccountsOf(db: DbOrTx, provider: ProviderId): Promise<AccountRow[]> {
  return (await listAccounts(db)).filter((a) => a.provider === provider && a.enabled);
}
