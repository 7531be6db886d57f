// The refund job, registered from lib/payments/jobs.ts: each round runs at its slot's time (never
// earlier than now), so a runner that ticks with a later clock checks what is due by then.
import { registerJob } from "@/lib/jobs/runner";
import { REFUND_CHECK_JOB } from "../job-kinds";
import { REFUND_CHECK_ROUND_MS, refundCheckRound } from "./refund-check";

export function registerRefundJobs(): void {
  registerJob(REFUND_CHECK_JOB, async ({ job }) => {
    await refundCheckRound(Math.max(Date.now(), job.runAt));
  }, { everyMs: REFUND_CHECK_ROUND_MS });
}
