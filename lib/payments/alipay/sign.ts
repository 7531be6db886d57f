// Alipay's parameter signature (RSA2 = SHA256withRSA, base64), with node:crypto. Pure.
// Sign string: every parameter except the excluded ones, empty values dropped, keys sorted in
// ASCII order, `key=value` joined by `&`, values raw (decoded once, never re-encoded).
// https://opendocs.alipay.com/common/02kf5q (requests), https://opendocs.alipay.com/open/270/105902 (notifies)
// We do not use the SDK's checkNotifySign: v1 URL-decodes the already-decoded values (throws on a
// literal "%") and both versions keep empty-valued fields, which Alipay leaves out.
import crypto from "node:crypto";

export type Params = Record<string, string>;

/** Requests (merchant → gateway): only `sign` is left out; `sign_type` is signed. */
export const REQUEST_EXCLUDE: readonly string[] = ["sign"];
/** Notifies and return URLs (Alipay → merchant), "rsaCheckV1": `sign` and `sign_type` are left out. */
export const NOTIFY_EXCLUDE: readonly string[] = ["sign", "sign_type"];

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function signContent(params: Params, exclude: readonly string[]): string {
  return Object.keys(params)
    .filter((key) => !exclude.includes(key) && params[key] !== "")
    // Default sort compares UTF-16 code units: ASCII order for Alipay's ASCII keys, never the locale.
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join("&");
}

export function rsa2Sign(content: string, privateKey: crypto.KeyObject | string): string {
  return crypto.sign("sha256", Buffer.from(content, "utf8"), privateKey).toString("base64");
}

/** False (never a throw) for a missing, malformed or wrong signature. */
export function rsa2Verify(content: string, signature: string | undefined | null, publicKey: crypto.KeyObject): boolean {
  // Buffer.from(…, "base64") skips junk silently; insist on real base64 first.
  if (!signature || !BASE64.test(signature)) return false;
  try {
    return crypto.verify("sha256", Buffer.from(content, "utf8"), publicKey, Buffer.from(signature, "base64"));
  } catch {
    return false;
  }
}

/**
 * The query or form fields as one value per key; null when a key repeats (Alipay never sends a
 * key twice, and a repeated one would let the signed value and the value we read differ).
 */
export function singleValued(params: URLSearchParams): Params | null {
  const out: Params = Object.create(null);
  for (const [key, value] of params) {
    if (Object.prototype.hasOwnProperty.call(out, key)) return null;
    out[key] = value;
  }
  return out;
}

/** Verifies a notify or a return URL's parameters (rsaCheckV1) with the Alipay public key. */
export function verifyNotifySignature(params: Params, alipayPublicKey: crypto.KeyObject): boolean {
  return rsa2Verify(signContent(params, NOTIFY_EXCLUDE), params.sign, alipayPublicKey);
}
