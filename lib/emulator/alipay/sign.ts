// RSA2 (SHA256withRSA) over Alipay's sign string, straight from the protocol with node:crypto.
// https://opendocs.alipay.com/common/02kf5q
import crypto, { type KeyObject } from "node:crypto";

export type Params = Record<string, string>;

/**
 * Every parameter except the excluded ones, empty values dropped, keys in ASCII order,
 * `key=value` joined by `&`, values raw. Requests exclude only `sign` (sign_type is signed);
 * notifies and returns exclude `sign` and `sign_type`.
 */
export function signContent(params: Params, exclude: readonly string[]): string {
  return Object.keys(params)
    .filter((key) => !exclude.includes(key) && params[key] !== "" && params[key] !== undefined)
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join("&");
}

export const REQUEST_EXCLUDE = ["sign"] as const;
export const NOTIFY_EXCLUDE = ["sign", "sign_type"] as const;

export function rsa2Sign(content: string, privateKey: KeyObject): string {
  return crypto.sign("sha256", Buffer.from(content, "utf8"), privateKey).toString("base64");
}

export function rsa2Verify(content: string, signature: string, publicKey: KeyObject): boolean {
  try {
    return crypto.verify("sha256", Buffer.from(content, "utf8"), publicKey, Buffer.from(signature, "base64"));
  } catch {
    return false;
  }
}
