import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, expect, test } from "vitest";
import { decryptWithKey, encryptionKey, encryptWithKey, keyFilePath, parseEncryptionKey, SecretDecryptionError } from "./secrets";

const key = crypto.randomBytes(32);
const secret = "-----BEGIN PRIVATE KEY-----\nMIIE…商户私钥\n-----END PRIVATE KEY-----\n";

afterEach(() => {
  delete process.env.APP_ENCRYPTION_KEY;
});

test("round trip, in the versioned v1:<iv>:<tag>:<ct> format, with a fresh IV each time", () => {
  const a = encryptWithKey(key, secret);
  const b = encryptWithKey(key, secret);
  expect(a).toMatch(/^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/);
  expect(a.split(":")[1]).not.toBe(b.split(":")[1]);
  expect(a).not.toContain("MIIE");
  expect(decryptWithKey(key, a)).toBe(secret);
  expect(decryptWithKey(key, b)).toBe(secret);
});

test("a tampered ciphertext, tag or IV does not decrypt", () => {
  const token = encryptWithKey(key, secret);
  const parts = token.split(":");
  for (const index of [1, 2, 3]) {
    const bytes = Buffer.from(parts[index], "base64url");
    bytes[0] ^= 1;
    const tampered = parts.map((p, i) => (i === index ? bytes.toString("base64url") : p)).join(":");
    expect(() => decryptWithKey(key, tampered)).toThrow(SecretDecryptionError);
  }
});

test("the wrong key, the wrong context or a foreign format does not decrypt, and the error shows no plaintext", () => {
  const token = encryptWithKey(key, secret, "receiving_accounts:wechat");
  expect(() => decryptWithKey(crypto.randomBytes(32), token, "receiving_accounts:wechat")).toThrow(SecretDecryptionError);
  expect(() => decryptWithKey(key, token, "receiving_accounts:alipay")).toThrow(/篡改|更换|不同/);
  expect(() => decryptWithKey(key, `v2:${token.slice(3)}`)).toThrow(/格式/);
  expect(() => decryptWithKey(key, "plain text")).toThrow(SecretDecryptionError);
});

test("APP_ENCRYPTION_KEY must be 32 bytes of base64", () => {
  expect(parseEncryptionKey(key.toString("base64")).equals(key)).toBe(true);
  expect(() => parseEncryptionKey(crypto.randomBytes(16).toString("base64"))).toThrow(/APP_ENCRYPTION_KEY must be 32/);
  process.env.APP_ENCRYPTION_KEY = key.toString("base64");
  expect(encryptionKey().equals(key)).toBe(true);
});

test("without APP_ENCRYPTION_KEY a key is generated once beside the database, mode 600", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "secrets-test-"));
  process.env.DATABASE_URL = path.join(dir, "app.db");
  const first = encryptionKey();
  expect(keyFilePath()).toBe(path.join(dir, "encryption.key"));
  expect(fs.statSync(keyFilePath()).mode & 0o777).toBe(0o600);
  expect(encryptionKey().equals(first)).toBe(true);
  expect(parseEncryptionKey(fs.readFileSync(keyFilePath(), "utf8")).equals(first)).toBe(true);
  fs.rmSync(dir, { recursive: true, force: true });
});
