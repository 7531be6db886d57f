import { and, desc, eq, gte, lt, or, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { auditLog } from "../schema";

export type AuditRow = typeof auditLog.$inferSelect;

export async function insertAudit(db: DbOrTx, values: typeof auditLog.$inferInsert): Promise<void> {
  await db.insert(auditLog).values(values);
}

export interface AuditFilter {
  action?: string;
  adminId?: number;
  fromMs?: number;
  toMs?: number;
  /** Keyset: entries older than this (createdAt, id). */
  before?: { createdAt: number; id: number };
  limit: number;
}

/** Newest first. */
export async function listAudit(db: DbOrTx, f: AuditFilter): Promise<AuditRow[]> {
  const where: SQL[] = [];
  if (f.action) where.push(eq(auditLog.action, f.action));
  if (f.adminId !== undefined) where.push(eq(auditLog.adminId, f.adminId));
  if (f.fromMs !== undefined) where.push(gte(auditLog.createdAt, f.fromMs));
  if (f.toMs !== undefined) where.push(lt(auditLog.createdAt, f.toMs));
  if (f.before) {
    const b = f.before;
    where.push(or(lt(auditLog.createdAt, b.createdAt), and(eq(auditLog.createdAt, b.createdAt), lt(auditLog.id, b.id)))!);
  }
  return db
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(f.limit);
}
