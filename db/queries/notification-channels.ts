import { and, asc, eq, isNull, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { preparedPerHandle } from "./prepared";
import { firstRow, onlyRow } from "./rows";
import { notificationChannels } from "../schema";

export type ChannelRow = typeof notificationChannels.$inferSelect;

export async function listChannels(db: DbOrTx): Promise<ChannelRow[]> {
  return db.select().from(notificationChannels).orderBy(asc(notificationChannels.id));
}

export async function getChannel(db: DbOrTx, id: number): Promise<ChannelRow | undefined> {
  return db.select().from(notificationChannels).where(eq(notificationChannels.id, id)).limit(1).then(firstRow);
}

/** Enabled channels for a form: its own and the global ones (the event filter is applied by the caller). */
export async function channelsForForm(db: DbOrTx, formId: number): Promise<ChannelRow[]> {
  return (await enabledChannelsOf(db).execute({ formId })) as ChannelRow[];
}
// On every payment, refund and anomaly: kept prepared (./prepared.ts).
const enabledChannelsOf = preparedPerHandle("channels_for_form", (db) =>
  db
    .select()
    .from(notificationChannels)
    .where(and(eq(notificationChannels.enabled, true), or(isNull(notificationChannels.formId), eq(notificationChannels.formId, sql.placeholder("formId")))))
    .orderBy(asc(notificationChannels.id)),
);

export async function insertChannel(db: DbOrTx, values: typeof notificationChannels.$inferInsert): Promise<ChannelRow> {
  return db.insert(notificationChannels).values(values).returning().then(onlyRow);
}

export async function updateChannel(db: DbOrTx, id: number, values: Partial<typeof notificationChannels.$inferInsert>): Promise<ChannelRow | undefined> {
  return db.update(notificationChannels).set(values).where(eq(notificationChannels.id, id)).returning().then(firstRow);
}

export async function deleteChannel(db: DbOrTx, id: number): Promise<boolean> {
  const rows = await db.delete(notificationChannels).where(eq(notificationChannels.id, id)).returning({ id: notificationChannels.id });
  return rows.length > 0;
}
