// The client's IP address, for rate limits, sign-in throttling and WeChat's payer_client_ip.
//
// Route handlers never see the socket. `next start` fills X-Forwarded-For with the socket's
// address only when the request has none (base-server.js: `x-forwarded-for ??= remoteAddress`);
// a client-sent value passes through untouched. So the edge hook (forwarded-headers.ts) rewrites
// the header before Next sees it: with TRUST_PROXY=0 it is exactly the socket's address, with
// TRUST_PROXY=n it is what the trusted proxies sent.
import { settings } from "@/lib/env";

/** Entries of an X-Forwarded-For value, left (furthest) to right (nearest). */
export function forwardedForEntries(value: string | null): string[] {
  if (!value) return [];
  return value
    .split(",")
    .map((entry) => normaliseAddress(entry))
    .filter((entry) => entry.length > 0);
}

/** "::ffff:1.2.3.4" → "1.2.3.4", "1.2.3.4:5678" → "1.2.3.4", "[::1]:80" → "::1". */
export function normaliseAddress(raw: string): string {
  let address = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(address);
  return (mapped ? mapped[1] : address).toLowerCase();
}

/**
 * With trustProxy = 0 the socket's address (the last entry); with n, the n-th entry from the
 * right: the address the outermost trusted proxy saw. A shorter chain than promised gives its
 * leftmost entry. "unknown" when there is nothing at all (never under next start).
 */
export function clientIpFrom(forwardedFor: string | null, trustProxy: number): string {
  const entries = forwardedForEntries(forwardedFor);
  if (entries.length === 0) return "unknown";
  const fromRight = Math.max(trustProxy, 1);
  return entries[Math.max(entries.length - fromRight, 0)];
}

export function clientIp(req: Request): string {
  return clientIpFrom(req.headers.get("x-forwarded-for"), settings().TRUST_PROXY);
}
