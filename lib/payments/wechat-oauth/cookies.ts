// The two cookies of the chain: the state (short-lived, holds the state's hash, the appid and where
// to go back) and, afterwards, the payer's openid for one appid. Both httpOnly, SameSite=Lax (the
// callback arrives as a top-level GET from WeChat, which Lax allows), signed.
import crypto from "node:crypto";
import { readCookie } from "@/lib/auth/cookies";
import { settings } from "@/lib/env";
import { safeNextPath } from "./next-path";
import { openCookieValue, sealCookieValue } from "./signed-cookie";

export const STATE_COOKIE = "wx_oauth_state";
export const STATE_TTL_SECONDS = 10 * 60;
export const OPENID_TTL_SECONDS = 30 * 24 * 3600;
const CALLBACK_PATH = "/api/payment/wechat/oauth";

/** One cookie per appid: an openid belongs to one official account. */
export const openIdCookieName = (appId: string) => `wx_openid_${appId.replace(/[^A-Za-z0-9]/g, "")}`;

function attributes(path: string, maxAgeSeconds: number): string {
  const s = settings();
  const secure = s.NODE_ENV === "production" && s.SERVER_BASE_URL.startsWith("https://");
  return `Path=${path}; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure ? "; Secure" : ""}`;
}

const sha256 = (text: string) => crypto.createHash("sha256").update(text).digest("base64url");

/** 32 random alphanumerics: WeChat allows [a-zA-Z0-9]{0,128} and returns it unchanged. */
export function newState(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  return Array.from({ length: 32 }, () => alphabet[crypto.randomInt(alphabet.length)]).join("");
}

export function stateCookie(state: string, appId: string, next: string, nowMs = Date.now()): string {
  const value = sealCookieValue(STATE_COOKIE, { h: sha256(state), a: appId, n: next, e: Math.floor(nowMs / 1000) + STATE_TTL_SECONDS });
  return `${STATE_COOKIE}=${value}; ${attributes(CALLBACK_PATH, STATE_TTL_SECONDS)}`;
}

export const clearedStateCookie = () => `${STATE_COOKIE}=; ${attributes(CALLBACK_PATH, 0)}`;

export type StateCheck = { ok: true; appId: string; next: string } | { ok: false; reason: "missing" | "foreign" | "expired" };

/** The state in the query must be the one this browser was given, and still fresh. */
export function checkState(req: Request, state: string | null, nowMs = Date.now()): StateCheck {
  const payload = openCookieValue(STATE_COOKIE, readCookie(req, STATE_COOKIE));
  if (!payload || !state) return { ok: false, reason: "missing" };
  const { h, a, n, e } = payload;
  if (typeof h !== "string" || typeof a !== "string" || typeof n !== "string" || typeof e !== "number") return { ok: false, reason: "missing" };
  const given = Buffer.from(sha256(state));
  const expected = Buffer.from(h);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return { ok: false, reason: "foreign" };
  if (e * 1000 < nowMs) return { ok: false, reason: "expired" };
  return { ok: true, appId: a, next: safeNextPath(n) ?? "/" };
}

export function openIdCookie(appId: string, openid: string, nowMs = Date.now()): string {
  const name = openIdCookieName(appId);
  const value = sealCookieValue(name, { o: openid, a: appId, e: Math.floor(nowMs / 1000) + OPENID_TTL_SECONDS });
  return `${name}=${value}; ${attributes("/", OPENID_TTL_SECONDS)}`;
}

/**
 * The payer's openid under appId, as our callback bound it to this browser; null when there is
 * none. The only source of an openid: never one from a query string or a body.
 */
export function openIdFromCookies(req: Request, appId: string, nowMs = Date.now()): string | null {
  const name = openIdCookieName(appId);
  const payload = openCookieValue(name, readCookie(req, name));
  if (!payload || payload.a !== appId || typeof payload.o !== "string" || typeof payload.e !== "number") return null;
  return payload.e * 1000 >= nowMs ? payload.o : null;
}
