import { and, desc, eq, lt, inArray, sql } from "drizzle-orm";
import { databaseEngine, rawRows, type DbOrTx } from "../client";
import { jobAttempts, jobs, type JobStatus } from "../schema";
import { firstRow } from "./rows";

export type JobRow = typeof jobs.$inferSelect;
export type JobAttemptRow = typeof jobAttempts.$inferSelect;

/** Adds a job unless one with the same unique key exists; says whether it was added. */
export async function insertJob(db: DbOrTx, values: typeof jobs.$inferInsert): Promise<boolean> {
  const added = await db.insert(jobs).values(values).onConflictDoNothing({ target: jobs.uniqueKey }).returning({ id: jobs.id });
  return added.length === 1;
}

/**
 * Leases up to `limit` due jobs to `runner` until leaseUntil: queued ones whose time has come, and
 * running ones whose lease ran out (their runner died). One UPDATE … WHERE id IN (…): on
 * PostgreSQL the inner SELECT takes its rows FOR UPDATE SKIP LOCKED, so two runners claiming at
 * once get different jobs; SQLite runs the statement alone.
 */
export async function claimDueJobs(db: DbOrTx, runner: string, now: number, leaseUntil: number, limit: number): Promise<JobRow[]> {
  const skipLocked = databaseEngine === "postgres" ? sql`for update skip locked` : sql``;
  const rows = await rawRows<Record<string, unknown>>(
    db,
    sql`update jobs set status = 'running', leased_by = ${runner}, lease_until = ${leaseUntil}, attempts = attempts + 1, updated_at = ${now}
        where id in (select id from jobs
                     where (status = 'queued' and run_at <= ${now}) or (status = 'running' and lease_until < ${now})
                     order by run_at limit ${limit} ${skipLocked})
        returning id`,
  );
  if (!rows.length) return [];
  return db.select().from(jobs).where(inArray(jobs.id, rows.map((r) => Number(r.id))));
}

/** Ends a leased job, only while this runner still holds its lease. */
export async function finishJob(
  db: DbOrTx,
  id: number,
  runner: string,
  set: { status: JobStatus; runAt?: number; lastError?: string | null },
  now: number,
): Promise<boolean> {
  const done = await db
    .update(jobs)
    .set({ ...set, leasedBy: null, leaseUntil: null, updatedAt: now })
    .where(and(eq(jobs.id, id), eq(jobs.status, "running"), eq(jobs.leasedBy, runner)))
    .returning({ id: jobs.id });
  return done.length === 1;
}

export async function recordAttempt(db: DbOrTx, values: typeof jobAttempts.$inferInsert): Promise<void> {
  await db.insert(jobAttempts).values(values);
}

export async function getJobByKey(db: DbOrTx, uniqueKey: string): Promise<JobRow | undefined> {
  return db.select().from(jobs).where(eq(jobs.uniqueKey, uniqueKey)).limit(1).then(firstRow);
}

export async function attemptsOf(db: DbOrTx, jobId: number): Promise<JobAttemptRow[]> {
  return db.select().from(jobAttempts).where(eq(jobAttempts.jobId, jobId)).orderBy(jobAttempts.id);
}

/** The newest jobs, for admins. */
export async function recentJobs(db: DbOrTx, limit: number, status?: JobStatus): Promise<JobRow[]> {
  return db
    .select()
    .from(jobs)
    .where(status ? eq(jobs.status, status) : undefined)
    .orderBy(desc(jobs.id))
    .limit(limit);
}

/** Deletes succeeded jobs (and their attempts) last touched before `before`. */
export async function pruneFinishedJobs(db: DbOrTx, before: number): Promise<void> {
  const old = db.select({ id: jobs.id }).from(jobs).where(and(eq(jobs.status, "succeeded"), lt(jobs.updatedAt, before)));
  await db.delete(jobAttempts).where(inArray(jobAttempts.jobId, old));
  await db.delete(jobs).where(and(eq(jobs.status, "succeeded"), lt(jobs.updatedAt, before)));
}
