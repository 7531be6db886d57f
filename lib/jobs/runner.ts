// The job runner: claims due jobs with a lease, runs their handlers, records every attempt, and
// retries failures with exponential backoff until maxAttempts (then the job is "dead", for an
// admin to see). Recurring work is a job per time slot (uniqueKey kind:slot), so however many
// runners there are, each slot runs once. Two runners never run one job at once: a job is only
// claimed when queued or when its lease ran out, and only its lease holder may finish it.
import crypto from "node:crypto";
import os from "node:os";
import { getDb } from "@/db/client";
import { claimDueJobs, finishJob, recordAttempt, type JobRow } from "@/db/queries/jobs";
import { log } from "@/lib/log";
import { enqueueJob } from "./queue";

export interface JobContext {
  job: JobRow;
  payload: unknown;
}

export type JobHandler = (context: JobContext) => Promise<void>;

interface Recurring {
  kind: string;
  everyMs: number;
}

const LEASE_MS = 60_000;
const MAX_BATCHES_PER_TICK = 10;
const BACKOFF_BASE_MS = 2_000;
const BACKOFF_MAX_MS = 30 * 60_000;

const handlers = new Map<string, JobHandler>();
const recurring: Recurring[] = [];

export function registerJob(kind: string, handler: JobHandler, options: { everyMs?: number } = {}): void {
  handlers.set(kind, handler);
  if (options.everyMs && !recurring.some((r) => r.kind === kind)) recurring.push({ kind, everyMs: options.everyMs });
}

export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

export interface Runner {
  id: string;
  /** One pass: schedule recurring jobs, claim and run what is due. Returns how many jobs ran. */
  tick(now?: number): Promise<number>;
  start(intervalMs?: number): void;
  stop(): Promise<void>;
}

export function createRunner(options: { concurrency?: number; id?: string } = {}): Runner {
  const id = options.id ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;
  const concurrency = options.concurrency ?? 4;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;

  async function tick(now = Date.now()): Promise<number> {
    const db = getDb();
    for (const r of recurring) {
      const slot = Math.floor(now / r.everyMs);
      await enqueueJob(db, { kind: r.kind, uniqueKey: `${r.kind}:${slot}`, runAt: slot * r.everyMs, maxAttempts: 1 });
    }
    // Batches of `concurrency` until nothing more is due (bounded): recurring rounds due at the
    // same moment must not push a waiting job to a later pass.
    let ran = 0;
    for (let batch = 0; batch < MAX_BATCHES_PER_TICK; batch++) {
      const claimed = await claimDueJobs(db, id, now, now + LEASE_MS, concurrency);
      await Promise.all(claimed.map((job) => runOne(job)));
      ran += claimed.length;
      if (claimed.length < concurrency) break;
    }
    return ran;
  }

  async function runOne(job: JobRow): Promise<void> {
    const db = getDb();
    const startedAt = Date.now();
    const handler = handlers.get(job.kind);
    let error: string | null = null;
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler({ job, payload: JSON.parse(job.payloadJson) });
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
      log().warn({ err: caught, job: job.kind, jobId: job.id, attempt: job.attempts }, "job attempt failed");
    }
    const finishedAt = Date.now();
    await recordAttempt(db, { jobId: job.id, attempt: job.attempts, runner: id, startedAt, finishedAt, error });
    if (error === null) {
      await finishJob(db, job.id, id, { status: "succeeded", lastError: null }, finishedAt);
    } else if (job.attempts >= job.maxAttempts) {
      await finishJob(db, job.id, id, { status: job.maxAttempts === 1 ? "failed" : "dead", lastError: error }, finishedAt);
    } else {
      await finishJob(db, job.id, id, { status: "queued", runAt: finishedAt + backoffMs(job.attempts), lastError: error }, finishedAt);
    }
  }

  return {
    id,
    tick(now) {
      // One pass at a time per runner; a slow pass delays the next instead of piling up.
      running ??= tick(now).finally(() => (running = null));
      return running;
    },
    start(intervalMs = 1_000) {
      if (timer) return;
      timer = setInterval(() => {
        this.tick().catch((error) => log().error({ err: error, runner: id }, "job runner tick failed"));
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
  };
}
