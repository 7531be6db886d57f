// Adding background work. Jobs live in the database; any runner (in the app process or
// `npm run worker`) may pick them up.
import type { DbOrTx } from "@/db/client";
import { insertJob } from "@/db/queries/jobs";

export interface NewJob {
  kind: string;
  /** One job per key: enqueueing a key that exists does nothing. */
  uniqueKey: string;
  payload?: unknown;
  runAt?: number;
  maxAttempts?: number;
}

export async function enqueueJob(db: DbOrTx, job: NewJob): Promise<boolean> {
  const now = Date.now();
  return insertJob(db, {
    kind: job.kind,
    uniqueKey: job.uniqueKey,
    payloadJson: JSON.stringify(job.payload ?? {}),
    runAt: job.runAt ?? now,
    maxAttempts: job.maxAttempts ?? 8,
    createdAt: now,
    updatedAt: now,
  });
}
