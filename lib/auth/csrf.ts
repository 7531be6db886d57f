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

/**
 * True when there is no Origin header, or it is SERVER_BASE_URL's origin, or the host the request
 * was addressed to. That host is the Host header when the app is reached directly (TRUST_PROXY=0:
 * a client-sent X-Forwarded-Host is never believed), and X-Forwarded-Host as the nearest trusted
 * proxy wrote it otherwise.
 */
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
  const s = settings();
  if (originUrl.origin === new URL(s.SERVER_BASE_URL).origin) return true;
  return originUrl.host === addressedHost(req, s.TRUST_PROXY);
}

function addressedHost(req: Request, trustProxy: number): string {
  if (trustProxy > 0) {
    const forwarded = req.headers.get("x-forwarded-host")?.split(",").pop()?.trim();
    if (forwarded) return forwarded.toLowerCase();
  }
  return req.headers.get("host")?.trim().toLowerCase() || new URL(req.url).host;
}
