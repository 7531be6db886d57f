// Secrets at rest (merchant private keys, the APIv3 key): AES-256-GCM under APP_ENCRYPTION_KEY.
// Format "v1:<iv>:<tag>:<ciphertext>" (base64url parts), a fresh 12-byte IV per encryption, so a
// later key or algorithm change can be recognised by its prefix.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { localFilesFolder } from "./local-files";

const VERSION = "v1";
const IV_BYTES = 12;
const KEY_BYTES = 32;

export class SecretDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretDecryptionError";
  }
}

export function encryptWithKey(key: Buffer, plaintext: string, aad = ""): string {
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(":");
}

/** Throws SecretDecryptionError on a wrong key, tampering or a foreign format; never echoes the input. */
export function decryptWithKey(key: Buffer, token: string, aad = ""): string {
  const parts = token.split(":");
  if (parts.length !== 4 || parts[0] !== VERSION) throw new SecretDecryptionError("密文格式无法识别");
  const [iv, tag, ciphertext] = parts.slice(1).map((p) => Buffer.from(p, "base64url"));
  if (iv.length !== IV_BYTES || tag.length !== 16) throw new SecretDecryptionError("密文格式无法识别");
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key, iv);
    decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretDecryptionError("无法解密：APP_ENCRYPTION_KEY 与加密时不同，或密文已被篡改");
  }
}

export function encryptSecret(plaintext: string, aad = ""): string {
  return encryptWithKey(encryptionKey(), plaintext, aad);
}

export function decryptSecret(token: string, aad = ""): string {
  return decryptWithKey(encryptionKey(), token, aad);
}

/** "32 bytes, base64" → the key; throws with a message naming the variable (never its value). */
export function parseEncryptionKey(raw: string): Buffer {
  const key = Buffer.from(raw.trim(), "base64");
  if (key.length !== KEY_BYTES) {
    throw new Error("APP_ENCRYPTION_KEY must be 32 random bytes in base64, e.g. the output of `openssl rand -base64 32`");
  }
  return key;
}

let cached: { source: string; key: Buffer } | null = null;

/**
 * APP_ENCRYPTION_KEY, or for the demo a key generated once into encryption.key beside the
 * database file (data/encryption.key by default, mode 600). Losing that file loses the secrets.
 */
export function encryptionKey(): Buffer {
  const fromEnv = process.env.APP_ENCRYPTION_KEY?.trim();
  const source = fromEnv ? "env" : keyFilePath();
  if (cached?.source === source) return cached.key;
  const key = fromEnv ? parseEncryptionKey(fromEnv) : readOrCreateKeyFile(source);
  cached = { source, key };
  return key;
}

export function keyFilePath(): string {
  return path.join(localFilesFolder(), "encryption.key");
}

function readOrCreateKeyFile(file: string): Buffer {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      // "wx": never overwrite a key another process wrote a moment ago.
      fs.writeFileSync(file, `${crypto.randomBytes(KEY_BYTES).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
      console.warn(
        `APP_ENCRYPTION_KEY is not set: generated a key into ${file} for the demo. ` +
          "Set APP_ENCRYPTION_KEY (openssl rand -base64 32) in production and keep it out of git; " +
          "several app servers on one database must all have the same APP_ENCRYPTION_KEY.",
      );
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  try {
    return parseEncryptionKey(fs.readFileSync(file, "utf8"));
  } catch {
    throw new Error(`${file} does not hold a 32-byte base64 key; restore it or set APP_ENCRYPTION_KEY`);
  }
}
