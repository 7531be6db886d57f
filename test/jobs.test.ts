// Leased jobs (issue 13): a failing job is retried with backoff, every attempt recorded with its
// error, and admins see it all at GET /api/admin/jobs; two runners never run one job at once.
import { afterAll, beforeAll, expect, test } from "vitest";
import { signInAsAdmin } from "./admin";
import { startHarness, type Harness } from "./harness";

let h: Harness;
let auth: Record<string, string>;
beforeAll(async () => {
  h = await startHarness();
  auth = (await signInAsAdmin(h)).headers;
});
afterAll(() => h.close());

test("a failing job is retried with backoff, its attempts and errors shown to admins", async () => {
  const { registerJob, createRunner } = await import("@/lib/jobs/runner");
  const { enqueueJob } = await import("@/lib/jobs/queue");
  const { getDb } = await import("@/db/client");
  const { getJobByKey, attemptsOf } = await import("@/db/queries/jobs");
  let runs = 0;
  registerJob("test.flaky", async () => {
    runs++;
    if (runs < 3) throw new Error(`平台无响应（第 ${runs} 次）`);
  });
  await enqueueJob(getDb(), { kind: "test.flaky", uniqueKey: "flaky:1", runAt: Date.now() });
  const a = createRunner({ id: "runner-a" });
  const b = createRunner({ id: "runner-b" });
  // Two runners at once: the job runs once.
  await Promise.all([a.tick(), b.tick()]);
  expect(runs).toBe(1);
  let job = (await getJobByKey(getDb(), "flaky:1"))!;
  expect(job).toMatchObject({ status: "queued", attempts: 1, lastError: "平台无响应（第 1 次）" });
  expect(job.runAt).toBeGreaterThan(Date.now()); // backoff
  await a.tick(job.runAt + 1);
  job = (await getJobByKey(getDb(), "flaky:1"))!;
  await a.tick(job.runAt + 1);
  job = (await getJobByKey(getDb(), "flaky:1"))!;
  expect(job.status).toBe("succeeded");
  expect((await attemptsOf(getDb(), job.id)).map((x) => x.error)).toEqual(["平台无响应（第 1 次）", "平台无响应（第 2 次）", null]);

  const response = await h.fetch("/api/admin/jobs", { headers: auth });
  expect(response.status).toBe(200);
  const { items } = (await response.json()) as { items: { id: number; statusLabel: string; history: { error: string | null }[] }[] };
  const shown = items.find((i) => i.id === job.id)!;
  expect(shown.statusLabel).toBe("已完成");
  expect(shown.history.map((x) => x.error)).toEqual(["平台无响应（第 1 次）", "平台无响应（第 2 次）", null]);
  expect((await h.fetch("/api/admin/jobs")).status).toBe(401);
});
