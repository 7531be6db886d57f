// Platform signatures on answers and notifies: SHA256withRSA over "timestamp\nnonce\nbody\n",
// with the key that Wechatpay-Serial names. https://pay.weixin.qq.com/docs/merchant/development/interface-rules/signature-verification.html
import crypto from "node:crypto";
import { wechatKeys, type PlatformSigningKey } from "./credentials";

export type SignMode = "public_key" | "certificate";

/** Merchants registered since late 2024 get the public key only; certificate mode is the legacy one. */
export function defaultSignMode(): SignMode {
  return process.env.EMULATOR_WECHAT_SIGN_MODE?.trim().toLowerCase() === "certificate" ? "certificate" : "public_key";
}

/**
 * During the certificate → public key migration the request's Wechatpay-Serial chooses which key
 * signs the answer; a value naming neither falls back to the configured mode.
 */
export function signingKey(requestSerial?: string | null): PlatformSigningKey {
  const keys = wechatKeys();
  const asked = requestSerial?.trim();
  if (asked) {
    if (asked === keys.publicKeyMode.serial) return keys.publicKeyMode;
    if (asked.toUpperCase() === keys.certificateMode.serial) return keys.certificateMode;
  }
  return defaultSignMode() === "certificate" ? keys.certificateMode : keys.publicKeyMode;
}

export function newNonce(): string {
  return crypto.randomBytes(16).toString("hex").toUpperCase();
}

export function signMessage(message: string | Buffer, key: PlatformSigningKey): string {
  return crypto.sign("sha256", typeof message === "string" ? Buffer.from(message, "utf8") : message, key.privateKey).toString("base64");
}

export interface SignatureOverrides {
  timestamp?: number;
  nonce?: string;
  /** A ready-made (e.g. deliberately wrong) signature value. */
  signature?: string;
  /** What Wechatpay-Serial says, when it should not name the signing key. */
  serial?: string;
}

export function signatureHeaders(body: string, key: PlatformSigningKey, overrides: SignatureOverrides = {}): Record<string, string> {
  const timestamp = String(overrides.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = overrides.nonce ?? newNonce();
  return {
    "Wechatpay-Timestamp": timestamp,
    "Wechatpay-Nonce": nonce,
    "Wechatpay-Signature": overrides.signature ?? signMessage(`${timestamp}\n${nonce}\n${body}\n`, key),
    "Wechatpay-Serial": overrides.serial ?? key.serial,
    "Wechatpay-Signature-Type": "WECHATPAY2-SHA256-RSA2048",
  };
}
