import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { emulatorEnabled } from "@/lib/emulator/enabled";
import { looselyProtectedKeyFiles, resetSettingsCache, settings, SettingsError } from "./env";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetSettingsCache();
});

function withEnv(values: Record<string, string | undefined>) {
  process.env = { ...saved, NODE_ENV: "test" };
  for (const name of Object.keys(process.env)) if (/^(WECHAT|ALIPAY|PAYMENT_EMULATOR)/.test(name)) delete process.env[name];
  Object.assign(process.env, values);
  resetSettingsCache();
}

function problems(): string[] {
  try {
    settings();
    return [];
  } catch (error) {
    if (error instanceof SettingsError) return error.problems;
    throw error;
  }
}

describe("settings", () => {
  test("no credentials at all is a valid, emulated setup", () => {
    withEnv({});
    expect(problems()).toEqual([]);
    expect(settings().SERVER_BASE_URL).toBe("http://localhost:3000");
    expect(emulatorEnabled("wechat")).toBe(true);
    expect(emulatorEnabled("alipay")).toBe(true);
  });

  test("a WeChat merchant id without the rest names every missing variable", () => {
    withEnv({ WECHAT_MCH_ID: "1900000109" });
    const found = problems().join("\n");
    for (const name of ["WECHAT_APP_ID", "WECHAT_API_KEY", "WECHAT_CERT_SERIAL_NO", "WECHAT_PRIVATE_KEY_PATH", "WECHAT_CERT_PATH"]) {
      expect(found).toContain(name);
    }
    expect(emulatorEnabled("wechat")).toBe(false);
  });

  test("bad values say what is wrong and how to fix it", () => {
    withEnv({
      WECHAT_MCH_ID: "1900000109",
      WECHAT_APP_ID: "wx1",
      WECHAT_API_KEY: "short",
      WECHAT_CERT_SERIAL_NO: "ABC",
      WECHAT_PRIVATE_KEY_PATH: "/nonexistent/key.pem",
      WECHAT_CERT_PATH: "/nonexistent/cert.pem",
      WECHAT_PLATFORM_PUBLIC_KEY_ID: "PUB_KEY_ID_1",
      ORDER_EXPIRES_MINUTES: "0",
      SERVER_BASE_URL: "not a url",
    });
    const found = problems().join("\n");
    expect(found).toContain("SERVER_BASE_URL must be an absolute URL");
    expect(found).toContain("ORDER_EXPIRES_MINUTES");
  });

  test("cross-field checks name the variable and the fix", () => {
    withEnv({
      WECHAT_MCH_ID: "1900000109",
      WECHAT_APP_ID: "wx1",
      WECHAT_API_KEY: "short",
      WECHAT_CERT_SERIAL_NO: "ABC",
      WECHAT_PRIVATE_KEY_PATH: "/nonexistent/key.pem",
      WECHAT_CERT_PATH: "/nonexistent/cert.pem",
      WECHAT_PLATFORM_PUBLIC_KEY_ID: "PUB_KEY_ID_1",
      ALIPAY_APP_ID: "2021000000000001",
    });
    const found = problems().join("\n");
    expect(found).toContain("WECHAT_API_KEY must be the 32-character APIv3 key");
    expect(found).toContain("WECHAT_PRIVATE_KEY_PATH=/nonexistent/key.pem cannot be read");
    expect(found).toContain("WECHAT_PLATFORM_PUBLIC_KEY_PATH and WECHAT_PLATFORM_PUBLIC_KEY_ID go together");
    expect(found).toContain("ALIPAY_PRIVATE_KEY_PATH is required because ALIPAY_APP_ID is set");
    expect(found).toContain("ALIPAY_PUBLIC_KEY_PATH (public-key mode) or the three");
  });

  test("the emulator refuses production unless explicitly allowed", () => {
    withEnv({ NODE_ENV: "production", PAYMENT_EMULATOR: "on" });
    expect(problems().join("\n")).toContain("PAYMENT_EMULATOR=on is refused when NODE_ENV=production");
    expect(emulatorEnabled("wechat")).toBe(false);
    withEnv({ NODE_ENV: "production", PAYMENT_EMULATOR: "on", PAYMENT_EMULATOR_ALLOW_IN_PRODUCTION: "true" });
    expect(problems()).toEqual([]);
    expect(emulatorEnabled("wechat")).toBe(true);
    withEnv({ NODE_ENV: "production" });
    expect(emulatorEnabled("alipay")).toBe(false);
  });

  test("a real deployment needs a well-formed APP_ENCRYPTION_KEY", () => {
    withEnv({ NODE_ENV: "production" });
    expect(problems().join("\n")).toContain("APP_ENCRYPTION_KEY is required in production");
    withEnv({ NODE_ENV: "production", APP_ENCRYPTION_KEY: "c2hvcnQ=" });
    expect(problems().join("\n")).toContain("APP_ENCRYPTION_KEY must be 32 random bytes in base64");
    withEnv({ NODE_ENV: "production", APP_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64") });
    expect(problems()).toEqual([]);
  });

  test("PAYMENT_EMULATOR takes only on or off", () => {
    withEnv({ PAYMENT_EMULATOR: "maybe" });
    expect(problems().join("\n")).toContain("PAYMENT_EMULATOR must be on or off");
  });

  test("key files readable by others are reported", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keys-"));
    const open = path.join(dir, "open.pem");
    const closed = path.join(dir, "closed.pem");
    fs.writeFileSync(open, "x", { mode: 0o644 });
    fs.writeFileSync(closed, "x", { mode: 0o600 });
    fs.chmodSync(open, 0o644);
    expect(looselyProtectedKeyFiles([open, closed])).toEqual([open]);
  });
});

describe("proxy trust and body limits", () => {
  test("defaults: no proxy trusted, notifies 64 KB, JSON 1 MB", () => {
    withEnv({});
    expect(settings().TRUST_PROXY).toBe(0);
    expect(settings().NOTIFY_BODY_LIMIT_BYTES).toBe(65536);
    expect(settings().JSON_BODY_LIMIT_BYTES).toBe(1048576);
  });

  test("set values are taken as whole numbers", () => {
    withEnv({ TRUST_PROXY: "2", NOTIFY_BODY_LIMIT_BYTES: "32768", JSON_BODY_LIMIT_BYTES: "2097152" });
    expect(settings()).toMatchObject({ TRUST_PROXY: 2, NOTIFY_BODY_LIMIT_BYTES: 32768, JSON_BODY_LIMIT_BYTES: 2097152 });
  });

  test.each([
    ["TRUST_PROXY", "-1"],
    ["TRUST_PROXY", "1.5"],
    ["TRUST_PROXY", "yes"],
    ["NOTIFY_BODY_LIMIT_BYTES", "100"],
    ["NOTIFY_BODY_LIMIT_BYTES", "64k"],
    ["JSON_BODY_LIMIT_BYTES", String(64 * 1024 * 1024)],
  ])("%s=%s is refused with a message naming it", (name, value) => {
    withEnv({ [name]: value });
    expect(problems().join("\n")).toContain(name);
  });
});
