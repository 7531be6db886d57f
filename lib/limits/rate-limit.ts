// Fixed-window rate limits kept in the database, so every app process counts against the same
// numbers. A limited request is refused with 429 and Retry-After.
import { getDb } from "@/db/client";
import { countHit } from "@/db/queries/rate-limits";
import { AppError } from "@/lib/errors";

export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super("too_many_requests", message);
  }
}

/** Counts a hit for each key; throws RateLimitedError when any is over its limit. */
export async function enforceRateLimits(
  hits: { key: string; limit: number }[],
  windowMs: number,
  message: string,
  now = Date.now(),
): Promise<void> {
  let retryAfterMs = 0;
  for (const { key, limit } of hits) {
    const { count, windowStartedAt } = await countHit(getDb(), key, now, windowMs);
    if (count > limit) retryAfterMs = Math.max(retryAfterMs, windowStartedAt + windowMs - now);
  }
  if (retryAfterMs > 0) throw new RateLimitedError(message, Math.max(1, Math.ceil(retryAfterMs / 1000)));
}
