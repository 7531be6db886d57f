// Admin sessions: a random token in the cookie, only its sha256 in the database, and a
// per-session CSRF token the console sends back in x-csrf-token.
import "server-only";
import crypto from "node:crypto";
import { getDb } from "@/db/client";
import { deleteExpiredSessions, deleteSession, getLiveSession, insertSession } from "@/db/queries/admins";
import type { AdminRole } from "@/db/tables";
import { SESSION_TTL_MS } from "./cookies";

export interface AdminSession {
  admin: { id: number; username: string; role: AdminRole };
  csrfToken: string;
}

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export async function createSession(adminId: number, now = Date.now()): Promise<{ token: string; csrfToken: string }> {
  const token = crypto.randomBytes(32).toString("base64url");
  const csrfToken = crypto.randomBytes(24).toString("base64url");
  const db = getDb();
  await deleteExpiredSessions(db, now);
  await insertSession(db, { tokenHash: hashToken(token), adminId, csrfToken, expiresAt: now + SESSION_TTL_MS, createdAt: now });
  return { token, csrfToken };
}

export async function readSession(token: string | undefined, now = Date.now()): Promise<AdminSession | null> {
  if (!token) return null;
  const row = await getLiveSession(getDb(), hashToken(token), now);
  return row ? { admin: { id: row.adminId, username: row.username, role: row.role }, csrfToken: row.csrfToken } : null;
}

export async function endSession(token: string | undefined): Promise<void> {
  if (token) await deleteSession(getDb(), hashToken(token));
}
