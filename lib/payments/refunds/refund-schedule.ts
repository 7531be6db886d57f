// When the refund job next looks at an unsettled refund: soon after a lost answer or a fresh
// create (WeChat settles in seconds), then less and less often. Never given up: only the platform
// ends a refund.
const NEXT_CHECK_AFTER_MS = [5_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000];

/** A pending refund the process may have died before sending: the job sends it after this long. */
export const PENDING_GRACE_MS = 30_000;

export function nextCheckAt(checkCount: number, now: number): number {
  return now + NEXT_CHECK_AFTER_MS[Math.min(checkCount, NEXT_CHECK_AFTER_MS.length - 1)];
}
