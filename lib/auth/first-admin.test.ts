import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, test } from "vitest";
import { freshDatabaseUrl, testOnPostgres } from "@/test/databases";

const { getDb } = await import("@/db/client");
const { admins } = await import("@/db/schema");
const { resetSettingsCache } = await import("@/lib/env");
const { ensureFirstAdmin } = await import("./first-admin");
const { verifyPassword } = await import("./password");

const KEYS = ["ADMIN_USERNAME", "ADMIN_PASSWORD", "APP_ENCRYPTION_KEY", "NODE_ENV", "PAYMENT_EMULATOR", "PAYMENT_EMULATOR_ALLOW_IN_PRODUCTION", "DATABASE_URL"];
const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));

async function freshDb(env: Record<string, string>) {
  for (const k of KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  delete process.env.ADMIN_USERNAME;
  delete process.env.ADMIN_PASSWORD;
  const databaseUrl = await freshDatabaseUrl(fs.mkdtempSync(path.join(os.tmpdir(), "first-admin-")));
  Object.assign(process.env, { DATABASE_URL: databaseUrl, ...env });
  resetSettingsCache();
}

describe("ensureFirstAdmin", () => {
  beforeEach(() => freshDb({}));

  test("creates the admin from ADMIN_USERNAME/ADMIN_PASSWORD, once", async () => {
    await freshDb({ ADMIN_USERNAME: "boss", ADMIN_PASSWORD: "a-long-password" });
    expect(await ensureFirstAdmin()).toContain('"boss"');
    const [row] = await getDb().select().from(admins);
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row.passwordHash, "a-long-password")).toBe(true);
    expect(await ensureFirstAdmin()).toBeNull();
  });

  // On PostgreSQL the file goes to the checkout's data/ (lib/crypto/local-files.test.ts): not written from a test.
  test.skipIf(testOnPostgres())("for a local demo, creates admin with a random password kept in a file, not in the log", async () => {
    await freshDb({ NODE_ENV: "development" });
    const message = (await ensureFirstAdmin())!;
    const file = path.join(path.dirname(process.env.DATABASE_URL!), "demo-admin-password.txt");
    const password = fs.readFileSync(file, "utf8").trim();
    expect(password.length).toBeGreaterThanOrEqual(16);
    expect(message).not.toContain(password);
    expect(message).toContain("demo-admin-password.txt");
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    const [row] = await getDb().select().from(admins);
    expect(row.username).toBe("admin");
    expect(await verifyPassword(row.passwordHash, password)).toBe(true);
  });

  test("in a real deployment without ADMIN_* it creates nobody and says how to", async () => {
    await freshDb({ NODE_ENV: "production", PAYMENT_EMULATOR: "off", APP_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64") });
    expect(await ensureFirstAdmin()).toMatch(/admin:create/);
    expect(await getDb().select().from(admins)).toHaveLength(0);
  });
});
