// The security headers every response carries (issue 7). Pure: proxy.ts applies them per request
// with a fresh nonce, next.config.ts applies the nonce-less variant to what the proxy skips.
import crypto from "node:crypto";

export interface SecurityHeaderOptions {
  /** The request's path: /api/* answers JSON, /sandbox/* is the emulator's own face. */
  pathname: string;
  /**
   * SERVER_BASE_URL: https turns on HSTS and upgrade-insecure-requests, its origin is a form target
   * besides 'self'. null at build time (next.config.ts), where the deployed value is not known.
   */
  serverBaseUrl: string | null;
  /** Per-request nonce for Next's inline scripts; null where none can be injected (static headers). */
  nonce: string | null;
  /** next dev needs 'unsafe-eval' (React rebuilds server stacks with eval); production never does. */
  dev?: boolean;
  /** The emulator is on: its phone-frame page (/sandbox/wechat/phone) frames the payer's pages. */
  emulatorOn?: boolean;
}

/** 128 random bits, base64: what CSP nonces should be. */
export function newNonce(): string {
  return crypto.randomBytes(16).toString("base64");
}

const isApi = (pathname: string) => pathname === "/api" || pathname.startsWith("/api/");
const isSandbox = (pathname: string) => pathname === "/sandbox" || pathname.startsWith("/sandbox/");
const PAYER_PAGES = ["/f/", "/pay/", "/sandbox/"];

/** Only the emulator frames anything, and only the payer's pages: the admin console never. */
function framableBySelf(options: SecurityHeaderOptions): boolean {
  return Boolean(options.emulatorOn) && PAYER_PAGES.some((prefix) => options.pathname.startsWith(prefix));
}

function isHttps(serverBaseUrl: string | null): boolean {
  if (!serverBaseUrl) return false;
  try {
    return new URL(serverBaseUrl).protocol === "https:";
  } catch {
    return false;
  }
}

function originOf(serverBaseUrl: string | null): string | null {
  if (!serverBaseUrl) return null;
  try {
    return new URL(serverBaseUrl).origin;
  } catch {
    return null;
  }
}

/** The Content-Security-Policy value for one response. */
export function contentSecurityPolicy(options: SecurityHeaderOptions): string {
  const { pathname, nonce } = options;
  if (isApi(pathname)) {
    // JSON, CSV and redirects: nothing to load, nothing to frame.
    return "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
  }
  const sandbox = isSandbox(pathname);
  const base = originOf(options.serverBaseUrl);
  const scriptSrc = nonce
    ? [`'self'`, `'nonce-${nonce}'`, `'strict-dynamic'`]
    : [`'self'`];
  if (options.dev) scriptSrc.push(`'unsafe-eval'`);
  // The emulator's plain HTML pages (gateway error pages) carry <style> blocks; our pages do not.
  const styleSrc = nonce && !sandbox ? [`'self'`, `'nonce-${nonce}'`] : [`'self'`, `'unsafe-inline'`];
  // The emulated cashier's 确认付款 posts, then 303s to the merchant's return_url wherever it is;
  // browsers check form-action on that redirect too.
  const formAction = sandbox ? [`'self'`, "http:", "https:"] : [`'self'`, ...(base ? [base] : [])];
  const directives = [
    `default-src 'self'`,
    `script-src ${scriptSrc.join(" ")}`,
    `style-src ${styleSrc.join(" ")}`,
    // React renders style={{…}} as style="" attributes; they cannot run script.
    `style-src-attr 'unsafe-inline'`,
    // qrcode.react draws SVG or canvas; data: and blob: for canvas exports.
    `img-src 'self' data: blob:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'none'`,
    `form-action ${[...new Set(formAction)].join(" ")}`,
    `frame-ancestors ${framableBySelf(options) ? "'self'" : "'none'"}`,
  ];
  if (isHttps(options.serverBaseUrl)) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** Every security header for one response, lower-case names. */
export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  const headers: Record<string, string> = {
    "content-security-policy": contentSecurityPolicy(options),
    "x-frame-options": framableBySelf(options) ? "SAMEORIGIN" : "DENY",
    "x-content-type-options": "nosniff",
    // Pay pages carry order numbers in the path: other sites get the origin only. Not stricter:
    // WeChat H5 pay checks that the page opening h5_url sends its origin as Referer.
    "referrer-policy": "strict-origin-when-cross-origin",
  };
  if (isHttps(options.serverBaseUrl)) {
    // No includeSubDomains: the operator's other hosts are not ours to pin to https.
    headers["strict-transport-security"] = "max-age=31536000";
  }
  return headers;
}

/** Sets the headers on a response's Headers (for code that builds responses outside the proxy). */
export function applySecurityHeaders(target: Headers, options: SecurityHeaderOptions): void {
  for (const [name, value] of Object.entries(securityHeaders(options))) target.set(name, value);
}

/** The nonce a policy allows, for tests and for pages that render their own <Script>. */
export function nonceOf(policy: string): string | null {
  return /'nonce-([^']+)'/.exec(policy)?.[1] ?? null;
}
