// Cookies whose value we wrote and can prove we wrote: base64url(JSON) + "." + HMAC-SHA256.
// The key is derived (HKDF) from the server's APP_ENCRYPTION_KEY (data/encryption.key in the demo),
// so there is no new secret to manage and a leak of this key reveals nothing else.
import crypto from "node:crypto";
import { encryptionKey } from "@/lib/crypto/secrets";

let derived: { from: Buffer; key: Buffer } | null = null;

function macKey(): Buffer {
  const root = encryptionKey();
  if (derived?.from !== root) derived = { from: root, key: Buffer.from(crypto.hkdfSync("sha256", root, Buffer.alloc(0), "pay-forms/wechat-oauth-cookie/v1", 32)) };
  return derived.key;
}

/** `purpose` (the cookie name) is inside the MAC, so one cookie's value cannot serve as another's. */
export function sealCookieValue(purpose: string, payload: Record<string, unknown>, key: Buffer = macKey()): string {
  const body = Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
  const mac = crypto.createHmac("sha256", key).update(`${purpose}\n${body}`).digest("base64url");
  return `${body}.${mac}`;
}

/** The payload when the MAC is ours; null for anything else (tampered, foreign, malformed). */
export function openCookieValue(purpose: string, value: string | undefined, key: Buffer = macKey()): Record<string, unknown> | null {
  if (!value) return null;
  const dot = value.indexOf(".");
  if (dot < 1) return null;
  const body = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1), "base64url");
  const expected = crypto.createHmac("sha256", key).update(`${purpose}\n${body}`).digest();
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
    return typeof payload === "object" && payload !== null && !Array.isArray(payload) ? (payload as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
