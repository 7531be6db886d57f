import { and, count, eq, gt, gte, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { firstRow, onlyRow } from "./rows";
import { adminSessions, admins, loginThrottle } from "../schema";

export type AdminRow = typeof admins.$inferSelect;
export type ThrottleRow = typeof loginThrottle.$inferSelect;

export async function getAdminByUsername(db: DbOrTx, username: string): Promise<AdminRow | undefined> {
  return db.select().from(admins).where(eq(admins.username, username)).limit(1).then(firstRow);
}

export async function countAdmins(db: DbOrTx): Promise<number> {
  const row = await db.select({ n: count() }).from(admins).limit(1).then(firstRow);
  return row?.n ?? 0;
}

export async function insertAdmin(db: DbOrTx, values: typeof admins.$inferInsert): Promise<AdminRow> {
  return db.insert(admins).values(values).returning().then(onlyRow);
}

export async function setAdminPassword(db: DbOrTx, adminId: number, passwordHash: string): Promise<void> {
  await db.update(admins).set({ passwordHash }).where(eq(admins.id, adminId));
}

export async function insertSession(db: DbOrTx, values: typeof adminSessions.$inferInsert): Promise<void> {
  await db.insert(adminSessions).values(values);
}

/** A live session and its admin; expired sessions and disabled admins are not returned. */
export async function getLiveSession(db: DbOrTx, tokenHash: string, now: number) {
  return db
    .select({ adminId: admins.id, username: admins.username, role: admins.role, csrfToken: adminSessions.csrfToken, expiresAt: adminSessions.expiresAt })
    .from(adminSessions)
    .innerJoin(admins, eq(admins.id, adminSessions.adminId))
    // A disabled admin's sessions stop working at once.
    .where(and(eq(adminSessions.tokenHash, tokenHash), gt(adminSessions.expiresAt, now), isNull(admins.disabledAt)))
    .limit(1).then(firstRow);
}

export async function deleteSession(db: DbOrTx, tokenHash: string): Promise<void> {
  await db.delete(adminSessions).where(eq(adminSessions.tokenHash, tokenHash));
}

export async function deleteExpiredSessions(db: DbOrTx, now: number): Promise<void> {
  await db.delete(adminSessions).where(lt(adminSessions.expiresAt, now));
}

export async function getThrottle(db: DbOrTx, key: string): Promise<ThrottleRow | undefined> {
  return db.select().from(loginThrottle).where(eq(loginThrottle.key, key)).limit(1).then(firstRow);
}

/** Counts one attempt atomically and returns the new count (attempts are counted before the password is checked). */
export async function countAttempt(db: DbOrTx, key: string, now: number): Promise<number> {
  const row = await db
    .insert(loginThrottle)
    .values({ key, failures: 1, updatedAt: now })
    .onConflictDoUpdate({ target: loginThrottle.key, set: { failures: sql`${loginThrottle.failures} + 1`, updatedAt: now } })
    .returning({ failures: loginThrottle.failures }).then(onlyRow);
  return row.failures;
}

/** Locks a key once its count has reached maxFailures (one statement: racing failures lock it once). */
export async function lockThrottleAt(db: DbOrTx, key: string, maxFailures: number, lockedUntil: number, now: number): Promise<void> {
  await db
    .update(loginThrottle)
    .set({ lockedUntil, updatedAt: now })
    .where(and(eq(loginThrottle.key, key), gte(loginThrottle.failures, maxFailures)));
}

/** Starts a key afresh once its lock has run out; a racing second call changes nothing. */
export async function resetExpiredLock(db: DbOrTx, key: string, now: number): Promise<void> {
  await db
    .update(loginThrottle)
    .set({ failures: 0, lockedUntil: null, updatedAt: now })
    .where(and(eq(loginThrottle.key, key), lte(loginThrottle.lockedUntil, now)));
}

export async function clearThrottle(db: DbOrTx, key: string): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}

/** Forgets counters untouched since `before` that hold no live lock. */
export async function pruneThrottle(db: DbOrTx, before: number, now: number): Promise<void> {
  await db
    .delete(loginThrottle)
    .where(and(lt(loginThrottle.updatedAt, before), or(isNull(loginThrottle.lockedUntil), lt(loginThrottle.lockedUntil, now))));
}

export async function getAdminById(db: DbOrTx, id: number): Promise<AdminRow | undefined> {
  return db.select().from(admins).where(eq(admins.id, id)).limit(1).then(firstRow);
}

export async function listAdmins(db: DbOrTx) {
  return db
    .select({ id: admins.id, username: admins.username, role: admins.role, disabledAt: admins.disabledAt, createdAt: admins.createdAt })
    .from(admins)
    .orderBy(admins.id);
}

export async function updateAdmin(db: DbOrTx, id: number, values: Partial<Pick<AdminRow, "role" | "disabledAt" | "passwordHash">>): Promise<AdminRow | undefined> {
  return db.update(admins).set(values).where(eq(admins.id, id)).returning().then(firstRow);
}

/** Enabled 管理员 other than `exceptId`: the last one may not be disabled or demoted. */
export async function countOtherActiveAdmins(db: DbOrTx, exceptId: number): Promise<number> {
  const row = await db
    .select({ n: count() })
    .from(admins)
    .where(and(eq(admins.role, "admin"), isNull(admins.disabledAt), sql`${admins.id} <> ${exceptId}`))
    .limit(1).then(firstRow);
  return row?.n ?? 0;
}

export async function deleteSessionsOf(db: DbOrTx, adminId: number): Promise<void> {
  await db.delete(adminSessions).where(eq(adminSessions.adminId, adminId));
}
