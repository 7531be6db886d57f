// The daily reconciliation on the job runner. Every round (15 minutes) the scheduler looks, once
// it is past 10:00 Beijing time, at yesterday (Beijing) for every account, and enqueues a job for
// each account whose day is not settled yet; a bill the platform has not generated stays
// 账单未生成 and is asked for again on a later round. Job keys are per account, date and round,
// so however many runners there are, each account's day runs once per round.
import { getDb } from "@/db/client";
import { getDay } from "@/db/queries/reconciliation";
import { beijingDate, DAY_MS, startOfBeijingDay } from "@/lib/admin/orders-dates";
import { enqueueJob } from "@/lib/jobs/queue";
import { registerJob } from "@/lib/jobs/runner";
import type { ProviderId } from "@/lib/payments/types";
import { accountsToReconcile } from "./accounts";
import { reconcileDay } from "./run-day";

export const RECONCILE_SCHEDULE_JOB = "reconciliation.schedule";
export const RECONCILE_DAY_JOB = "reconciliation.day";
export const RECONCILE_ROUND_MS = 15 * 60_000;
/** Both platforms have the previous day's bill by about 10:00 Beijing time. */
const BILLS_EXPECTED_AFTER_MS = 10 * 3600_000;
/** Days still worth asking for again (the status is not final). */
const UNSETTLED = new Set(["pending", "bill_not_ready", "failed"]);

/** The day the job reconciles at `nowMs`, or null before 10:00 Beijing. */
export function dayDueAt(nowMs: number): string | null {
  const today = startOfBeijingDay(nowMs);
  if (nowMs - today < BILLS_EXPECTED_AFTER_MS) return null;
  return beijingDate(today - DAY_MS);
}

export async function scheduleReconciliation(nowMs: number): Promise<number> {
  const date = dayDueAt(nowMs);
  if (!date) return 0;
  const db = getDb();
  const round = Math.floor(nowMs / RECONCILE_ROUND_MS);
  let added = 0;
  for (const account of await accountsToReconcile()) {
    const stored = await getDay(db, { ...account, billDate: date });
    if (stored && !UNSETTLED.has(stored.status)) continue;
    const uniqueKey = `${RECONCILE_DAY_JOB}:${account.provider}:${account.accountRef}:${date}:${round}`;
    if (await enqueueJob(db, { kind: RECONCILE_DAY_JOB, uniqueKey, payload: { ...account, date }, runAt: nowMs, maxAttempts: 3 })) added += 1;
  }
  return added;
}

export function registerReconciliationJobs(): void {
  // The round's slot time stands for "now", so a test's runJobsOnce(at) schedules as of `at`.
  registerJob(RECONCILE_SCHEDULE_JOB, async ({ job }) => {
    await scheduleReconciliation(job.runAt);
  }, { everyMs: RECONCILE_ROUND_MS });

  registerJob(RECONCILE_DAY_JOB, async ({ payload }) => {
    const day = payload as { provider: ProviderId; accountRef: string; date: string };
    await reconcileDay(day);
  });
}
