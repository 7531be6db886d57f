// Rejected notifies cannot fill the disk (issue 7): journalled truncated, at most N per source a
// minute, and pruned after the retention period by the prune job. The database files are private.
import fs from "node:fs";
import { afterAll, beforeAll, expect, test } from "vitest";
import { runJobsOnce, startHarness, type Harness } from "./harness";
import { testOnPostgres } from "./databases";

let h: Harness;
let db: typeof import("@/db/client");
let schema: typeof import("@/db/schema");
beforeAll(async () => {
  h = await startHarness({ env: { REJECTED_NOTIFY_LOG_PER_MINUTE: "10", REJECTED_NOTIFY_RETENTION_DAYS: "7", TRUST_PROXY: "1" } });
  db = await import("@/db/client");
  schema = await import("@/db/schema");
});
afterAll(() => h.close());

const forged = (ip: string) =>
  h.fetch("/api/payment/wechat/notify", {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Forwarded-For": ip },
    body: JSON.stringify({ id: "x", resource: { ciphertext: "A".repeat(20_000) } }),
  });

test("50 forged 20 KB notifies from one source: each refused, 10 journalled, each truncated to 2,000 characters", async () => {
  const statuses = [];
  for (let i = 0; i < 50; i++) statuses.push((await forged("203.0.113.7")).status);
  expect(statuses.every((s) => s >= 400 && s < 500)).toBe(true);
  const rows = (await db.getDb().select().from(schema.notifyJournal)).filter((r) => !r.verified);
  expect(rows).toHaveLength(10);
  expect(Math.max(...rows.map((r) => r.body.length))).toBeLessThanOrEqual(2_000);
  // Another source still gets its rejections journalled.
  await forged("203.0.113.8");
  expect((await db.getDb().select().from(schema.notifyJournal)).filter((r) => !r.verified)).toHaveLength(11);
});

test("the prune job deletes rejected notifies past the retention period and keeps verified ones", async () => {
  const old = Date.now() - 8 * 86_400_000;
  await db.getDb().insert(schema.notifyJournal).values([
    { provider: "wechat", orderNo: null, headersJson: "{}", body: "old forgery", verified: false, outcome: "rejected", receivedAt: old },
    { provider: "wechat", orderNo: "x", headersJson: "{}", body: "old genuine", verified: true, outcome: "applied", receivedAt: old },
  ]);
  await runJobsOnce(Date.now() + 3_600_000);
  const bodies = (await db.getDb().select().from(schema.notifyJournal)).map((r) => r.body);
  expect(bodies).not.toContain("old forgery");
  expect(bodies).toContain("old genuine");
});

test.skipIf(testOnPostgres())("the SQLite file is 600 and its folder 700 once the app has started", () => {
  const file = process.env.DATABASE_URL!;
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  expect(fs.statSync(h.dir).mode & 0o777).toBe(0o700);
});
