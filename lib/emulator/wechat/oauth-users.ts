// The emulated WeChat users behind web authorization. A browser is one user (a cookie the
// authorize page sets); an openid is stable per (appid, user), as WeChat's are, and every openid
// the emulator hands out is remembered so JSAPI can refuse one that belongs to another appid.
import crypto from "node:crypto";
import { ensureTables } from "../store";

/** The cookie on the emulator's authorize page that names the emulated WeChat user. */
export const EMULATED_USER_COOKIE = "wxemu_user";
/** A snapshot setting that applies to every user without one of their own. */
export const ALL_USERS = "*";

function db() {
  return ensureTables(
    "wx_oauth_users",
    `CREATE TABLE IF NOT EXISTS wx_openids (openid TEXT PRIMARY KEY, appid TEXT NOT NULL, user_key TEXT NOT NULL, snapshot INTEGER NOT NULL);
     CREATE TABLE IF NOT EXISTS wx_oauth_users (user_key TEXT PRIMARY KEY, snapshot INTEGER NOT NULL);`,
  );
}

export const isUserKey = (value: string) => /^[A-Za-z0-9_-]{1,64}$/.test(value);
export const newUserKey = () => crypto.randomBytes(12).toString("base64url");

/** "o" + 27 URL-safe characters. A snapshot-mode openid is a different, virtual one. */
export function openIdFor(appId: string, userKey: string, snapshot = false): string {
  const openid = `o${crypto.createHash("sha256").update(`${snapshot ? "snapshot" : "user"}:${appId}:${userKey}`).digest("base64url").slice(0, 27)}`;
  db().prepare(`INSERT OR IGNORE INTO wx_openids (openid, appid, user_key, snapshot) VALUES (?, ?, ?, ?)`).run(openid, appId, userKey, snapshot ? 1 : 0);
  return openid;
}

export interface KnownOpenId {
  appId: string;
  userKey: string;
  snapshot: boolean;
}

export function findOpenId(openid: string): KnownOpenId | null {
  const row = db().prepare(`SELECT appid, user_key, snapshot FROM wx_openids WHERE openid = ?`).get(openid) as
    | { appid: string; user_key: string; snapshot: number }
    | undefined;
  return row ? { appId: row.appid, userKey: row.user_key, snapshot: row.snapshot === 1 } : null;
}

/** Test control: whether the user (or ALL_USERS) opens pages in snapshot mode (快照页模式). */
export function setSnapshotMode(userKey: string, snapshot: boolean): void {
  db()
    .prepare(`INSERT INTO wx_oauth_users (user_key, snapshot) VALUES (?, ?) ON CONFLICT(user_key) DO UPDATE SET snapshot = excluded.snapshot`)
    .run(userKey, snapshot ? 1 : 0);
}

export function inSnapshotMode(userKey: string): boolean {
  const row = (key: string) => db().prepare(`SELECT snapshot FROM wx_oauth_users WHERE user_key = ?`).get(key) as { snapshot: number } | undefined;
  const own = row(userKey) ?? row(ALL_USERS);
  return own?.snapshot === 1;
}
