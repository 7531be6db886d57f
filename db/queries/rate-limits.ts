import { lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { rateLimits } from "../schema";
import { onlyRow } from "./rows";

/**
 * Counts one hit in key's fixed window and returns the window's count and start. One atomic
 * upsert: several processes counting at once each get their own number.
 */
export async function countHit(db: DbOrTx, key: string, now: number, windowMs: number): Promise<{ count: number; windowStartedAt: number }> {
  const expired = sql`${rateLimits.windowStartedAt} <= ${now - windowMs}`;
  return db
    .insert(rateLimits)
    .values({ key, windowStartedAt: now, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${expired} then 1 else ${rateLimits.count} + 1 end`,
        windowStartedAt: sql`case when ${expired} then ${now} else ${rateLimits.windowStartedAt} end`,
      },
    })
    .returning({ count: rateLimits.count, windowStartedAt: rateLimits.windowStartedAt })
    .then(onlyRow);
}

export async function pruneRateLimits(db: DbOrTx, before: number): Promise<void> {
  await db.delete(rateLimits).where(lt(rateLimits.windowStartedAt, before));
}
