// The throttle on a real database (a SQLite file, or PostgreSQL in CI's second run), with the clock passed in.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { freshDatabaseUrl } from "@/test/databases";

process.env.DATABASE_URL = await freshDatabaseUrl(fs.mkdtempSync(path.join(os.tmpdir(), "throttle-")));
const { getDb } = await import("@/db/client");
const { loginThrottle } = await import("@/db/schema");
const { getThrottle } = await import("@/db/queries/admins");
const t = await import("./throttle");

const T0 = Date.UTC(2026, 0, 5, 9, 0, 30); // half a minute into a minute
const fail = async (key: string, now: number) => {
  await t.beginAttempt(key, now);
  await t.attemptFailed(key, now);
};

beforeAll(async () => {
  await getDb().delete(loginThrottle);
});

describe("per (username, address)", () => {
  test("keys fold case and the username's spaces, and keep addresses apart", () => {
    expect(t.throttleKey(" Admin ", "203.0.113.1")).toBe(t.throttleKey("admin", "203.0.113.1"));
    expect(t.throttleKey("admin", "203.0.113.1")).not.toBe(t.throttleKey("admin", "203.0.113.2"));
  });

  test("each failure waits longer; the fifth locks this address out, not another", async () => {
    const stranger = t.throttleKey("lockme", "203.0.113.9");
    const delays: number[] = [];
    for (let i = 0; i < t.MAX_FAILURES; i++) {
      delays.push((await t.beginAttempt(stranger, T0)).delayMs);
      await t.attemptFailed(stranger, T0);
    }
    expect(delays).toEqual([0, 150, 300, 450, 600]);
    await expect(t.beginAttempt(stranger, T0 + 1000)).rejects.toMatchObject({ code: "too_many_requests", message: expect.stringMatching(/15 分钟后再试/) });
    await expect(t.beginAttempt(t.throttleKey("lockme", "198.51.100.1"), T0 + 1000)).resolves.toEqual({ delayMs: 0 });
  });

  test("the lock lifts after 15 minutes and counting starts afresh", async () => {
    const key = t.throttleKey("lifts", "203.0.113.10");
    for (let i = 0; i < t.MAX_FAILURES; i++) await fail(key, T0);
    await expect(t.beginAttempt(key, T0 + t.LOCK_MS - 1)).rejects.toMatchObject({ code: "too_many_requests" });
    expect(await t.beginAttempt(key, T0 + t.LOCK_MS)).toEqual({ delayMs: 0 });
    expect((await getThrottle(getDb(), key))?.failures).toBe(1);
  });

  test("a success clears the count", async () => {
    const key = t.throttleKey("clears", "203.0.113.11");
    for (let i = 0; i < 3; i++) await fail(key, T0);
    await t.beginAttempt(key, T0);
    await t.attemptSucceeded(key);
    expect(await getThrottle(getDb(), key)).toBeUndefined();
  });

  test("parallel attempts are counted before any password is checked", async () => {
    const key = t.throttleKey("burst", "203.0.113.12");
    const results = await Promise.allSettled(Array.from({ length: 9 }, () => t.beginAttempt(key, T0)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(t.MAX_FAILURES);
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(9 - t.MAX_FAILURES);
  });
});

describe("global slowdown", () => {
  test.each([
    [0, 0, 0, 0],
    [10, 20, 30_000, 20],
    [0, 40, 45_000, 10],
    [25, 0, 59_000, 25],
  ])("%i now + %i last minute, %i ms in → %i in the last minute", (current, previous, msInto, expected) => {
    expect(t.failuresInLastMinute(current, previous, msInto)).toBe(expected);
  });

  test.each([
    [0, 0],
    [t.GLOBAL_SLOWDOWN_AFTER - 1, 0],
    [t.GLOBAL_SLOWDOWN_AFTER, 1000],
    [t.GLOBAL_SLOWDOWN_AFTER * 2, 2000],
    [t.GLOBAL_SLOWDOWN_AFTER * 50, t.GLOBAL_DELAY_MAX_MS],
  ])("%i recent failures → %i ms for everyone", (failures, delayMs) => {
    expect(t.globalDelayMs(failures)).toBe(delayMs);
  });

  test("many failures from many addresses slow a fresh address down, and it fades with the minute", async () => {
    const at = T0 + 60 * 60_000; // an hour later: a minute of its own
    for (let i = 0; i < t.GLOBAL_SLOWDOWN_AFTER; i++) await fail(t.throttleKey(`user${i}`, `192.0.2.${i}`), at);
    const admin = t.throttleKey("admin", "198.51.100.50");
    expect(await t.beginAttempt(admin, at)).toEqual({ delayMs: 1000 });
    await t.attemptSucceeded(admin);
    // Two minutes on, those failures have left the window.
    expect(await t.beginAttempt(admin, at + 2 * 60_000)).toEqual({ delayMs: 0 });
  });
});

test("idle counters are forgotten once a minute; a live lock is kept", async () => {
  const at = T0 + 5 * 60 * 60_000;
  const idle = t.throttleKey("idle", "203.0.113.20");
  const locked = t.throttleKey("locked", "203.0.113.21");
  await fail(idle, at);
  for (let i = 0; i < t.MAX_FAILURES; i++) await fail(locked, at);
  const later = at + t.LOCK_MS + 60_000; // the lock has run out too
  // Untouched as long, but still locked (a lock set by hand, say): pruning must keep it.
  const stillLocked = t.throttleKey("still-locked", "203.0.113.22");
  await getDb().insert(loginThrottle).values({ key: stillLocked, failures: 5, lockedUntil: later + 60_000, updatedAt: at });
  await fail(t.throttleKey("someone", "203.0.113.23"), later); // the minute's first failure prunes
  expect(await getThrottle(getDb(), idle)).toBeUndefined();
  expect(await getThrottle(getDb(), locked)).toBeUndefined();
  expect(await getThrottle(getDb(), stillLocked)).toMatchObject({ lockedUntil: later + 60_000 });
});
