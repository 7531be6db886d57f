// CSRF for state-changing admin requests: the session's token in x-csrf-token, and an Origin
// (when the browser sends one) that is our own site.
import crypto from "node:crypto";
import { settings } from "@/lib/env";

export function isSafeMethod(method: string): boolean {
  return method === "GET" || method === "HEAD";
}

export function csrfTokenMatches(expected: string, given: string | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** True when there is no Origin header, or it is SERVER_BASE_URL's origin or the request's own host. */
export function originAllowed(req: Request): boolean {
  const origin = req.headers.get("origin");
  if (!origin) return true;
  if (origin === "null") return false;
  let originUrl: URL;
  try {
    originUrl = new URL(origin);
  } catch {
    return false;
  }
  if (originUrl.origin === new URL(settings().SERVER_BASE_URL).origin) return true;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host") ?? new URL(req.url).host;
  return originUrl.host === host;
}
