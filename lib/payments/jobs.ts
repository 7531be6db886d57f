// The payment side's background jobs, registered with the job runner where the app is assembled.
import { getDb } from "@/db/client";
import { pruneFinishedJobs } from "@/db/queries/jobs";
import { getOrderByNo, pruneRejectedNotifies } from "@/db/queries/orders";
import { pruneRateLimits } from "@/db/queries/rate-limits";
import { settings } from "@/lib/env";
import { registerJob } from "@/lib/jobs/runner";
import { CLOSE_ORDER_JOB, PRUNE_JOB, SWEEP_JOB } from "./job-kinds";
import { providerFor } from "./providers";
import { queryAndApply } from "./refresh-order";
import { registerRefundJobs } from "./refunds/refund-jobs";
import { SWEEP_ROUND_MS, sweepRound } from "./sweep";

const DAY_MS = 86_400_000;

export function registerPaymentJobs(): void {
  registerRefundJobs();
  registerJob(SWEEP_JOB, async () => {
    await sweepRound();
  }, { everyMs: SWEEP_ROUND_MS });

  // A trade that may exist at the platform for an order we failed or superseded: close it there,
  // retried with backoff until the platform answers. Paid meanwhile → the payment is applied (flagged late).
  registerJob(CLOSE_ORDER_JOB, async ({ payload }) => {
    const { orderNo } = payload as { orderNo: string };
    const order = await getOrderByNo(getDb(), orderNo);
    if (!order) return;
    const outcome = await (await providerFor(order.provider, order.accountRef)).closePayment(orderNo);
    if (outcome === "already_paid") await queryAndApply(order);
  });

  registerJob(PRUNE_JOB, async () => {
    const now = Date.now();
    const db = getDb();
    await pruneRejectedNotifies(db, now - settings().REJECTED_NOTIFY_RETENTION_DAYS * DAY_MS);
    await pruneRateLimits(db, now - DAY_MS);
    await pruneFinishedJobs(db, now - DAY_MS);
  }, { everyMs: 3_600_000 });
}
