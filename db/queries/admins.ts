import { and, eq, gt, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { adminSessions, admins, loginThrottle } from "../schema";

export type AdminRow = typeof admins.$inferSelect;
export type ThrottleRow = typeof loginThrottle.$inferSelect;

export function getAdminByUsername(db: DbOrTx, username: string): AdminRow | undefined {
  return db.select().from(admins).where(eq(admins.username, username)).get();
}

export function countAdmins(db: DbOrTx): number {
  return db.select({ n: sql<number>`count(*)` }).from(admins).get()?.n ?? 0;
}

export function insertAdmin(db: DbOrTx, values: typeof admins.$inferInsert): AdminRow {
  return db.insert(admins).values(values).returning().get();
}

export function setAdminPassword(db: DbOrTx, adminId: number, passwordHash: string): void {
  db.update(admins).set({ passwordHash }).where(eq(admins.id, adminId)).run();
}

export function insertSession(db: DbOrTx, values: typeof adminSessions.$inferInsert): void {
  db.insert(adminSessions).values(values).run();
}

/** A live session and its admin; expired sessions are not returned. */
export function getLiveSession(db: DbOrTx, tokenHash: string, now: number) {
  return db
    .select({ adminId: admins.id, username: admins.username, csrfToken: adminSessions.csrfToken, expiresAt: adminSessions.expiresAt })
    .from(adminSessions)
    .innerJoin(admins, eq(admins.id, adminSessions.adminId))
    .where(and(eq(adminSessions.tokenHash, tokenHash), gt(adminSessions.expiresAt, now)))
    .get();
}

export function deleteSession(db: DbOrTx, tokenHash: string): void {
  db.delete(adminSessions).where(eq(adminSessions.tokenHash, tokenHash)).run();
}

export function deleteExpiredSessions(db: DbOrTx, now: number): void {
  db.delete(adminSessions).where(lt(adminSessions.expiresAt, now)).run();
}

export function getThrottle(db: DbOrTx, key: string): ThrottleRow | undefined {
  return db.select().from(loginThrottle).where(eq(loginThrottle.key, key)).get();
}

/** Counts one attempt atomically and returns the new count (attempts are counted before the password is checked). */
export function countAttempt(db: DbOrTx, key: string, now: number): number {
  const row = db
    .insert(loginThrottle)
    .values({ key, failures: 1, updatedAt: now })
    .onConflictDoUpdate({ target: loginThrottle.key, set: { failures: sql`${loginThrottle.failures} + 1`, updatedAt: now } })
    .returning({ failures: loginThrottle.failures })
    .get();
  return row.failures;
}

export function lockThrottle(db: DbOrTx, key: string, lockedUntil: number, now: number): void {
  db.update(loginThrottle).set({ lockedUntil, updatedAt: now }).where(eq(loginThrottle.key, key)).run();
}

export function clearThrottle(db: DbOrTx, key: string): void {
  db.delete(loginThrottle).where(eq(loginThrottle.key, key)).run();
}
