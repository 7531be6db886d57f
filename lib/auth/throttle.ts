// Sign-in throttling that a stranger cannot turn against the admin. Attempts are counted per
// (username, client address) before the password is checked, so a burst of parallel guesses
// can't all slip past the limit; a success clears the count, earlier failures add a growing
// delay, and the fifth failure locks that name for 15 minutes *from that address only*. Failures
// from everywhere are also counted per minute: when they are many, every sign-in waits a little,
// which slows a spread-out attack without locking anyone out. Every counter is a row in
// login_throttle, so all app processes share them; each step is one atomic statement (an upsert
// or a conditional update), safe at READ COMMITTED without a transaction.
import "server-only";
import { getDb } from "@/db/client";
import { clearThrottle, countAttempt, getThrottle, lockThrottleAt, pruneThrottle, resetExpiredLock } from "@/db/queries/admins";
import { AppError } from "@/lib/errors";
import { addressBucket } from "./address-bucket";

export const MAX_FAILURES = 5;
export const LOCK_MS = 15 * 60 * 1000;
const DELAY_STEP_MS = 150;

const MINUTE_MS = 60_000;
/** Failures per minute, from all sources together, past which every sign-in is slowed. */
export const GLOBAL_SLOWDOWN_AFTER = 20;
const GLOBAL_DELAY_STEP_MS = 1000;
export const GLOBAL_DELAY_MAX_MS = 3000;

export function throttleKey(username: string, clientIp: string): string {
  return `user:${username.trim().toLowerCase()}|ip:${addressBucket(clientIp)}`;
}

const globalKey = (minute: number) => `global:${minute}`;

function lockedError(lockedUntil: number, now: number): AppError {
  const minutes = Math.max(1, Math.ceil((lockedUntil - now) / 60_000));
  return new AppError("too_many_requests", `登录失败次数过多，请 ${minutes} 分钟后再试`);
}

/** A sliding estimate of the failures in the last minute from this minute's and the previous minute's counts. */
export function failuresInLastMinute(current: number, previous: number, msIntoMinute: number): number {
  return current + Math.round(previous * (1 - msIntoMinute / MINUTE_MS));
}

/** The wait every sign-in gets while failures from all sources are many: one second per threshold crossed, capped. */
export function globalDelayMs(recentFailures: number): number {
  const steps = Math.floor(recentFailures / GLOBAL_SLOWDOWN_AFTER);
  return Math.min(GLOBAL_DELAY_MAX_MS, steps * GLOBAL_DELAY_STEP_MS);
}

async function recentGlobalFailures(now: number): Promise<number> {
  const db = getDb();
  const minute = Math.floor(now / MINUTE_MS);
  const [current, previous] = await Promise.all([getThrottle(db, globalKey(minute)), getThrottle(db, globalKey(minute - 1))]);
  return failuresInLastMinute(current?.failures ?? 0, previous?.failures ?? 0, now - minute * MINUTE_MS);
}

/** Counts this attempt or refuses it (429); returns how long to wait before checking the password. */
export async function beginAttempt(key: string, now = Date.now()): Promise<{ delayMs: number }> {
  const db = getDb();
  const row = await getThrottle(db, key);
  if (row?.lockedUntil != null) {
    if (row.lockedUntil > now) throw lockedError(row.lockedUntil, now);
    await resetExpiredLock(db, key, now); // the window has passed: start afresh
  }
  const attempts = await countAttempt(db, key, now);
  if (attempts > MAX_FAILURES) {
    await lockThrottleAt(db, key, MAX_FAILURES, now + LOCK_MS, now);
    throw lockedError(now + LOCK_MS, now);
  }
  const ownDelayMs = (attempts - 1) * DELAY_STEP_MS;
  return { delayMs: ownDelayMs + globalDelayMs(await recentGlobalFailures(now)) };
}

export async function attemptFailed(key: string, now = Date.now()): Promise<void> {
  const db = getDb();
  await lockThrottleAt(db, key, MAX_FAILURES, now + LOCK_MS, now);
  const firstThisMinute = (await countAttempt(db, globalKey(Math.floor(now / MINUTE_MS)), now)) === 1;
  // Once a minute at most (and only in minutes with failures): forget idle counters, so addresses
  // that tried once do not pile up.
  if (firstThisMinute) await pruneThrottle(db, now - LOCK_MS, now);
}

export async function attemptSucceeded(key: string): Promise<void> {
  await clearThrottle(getDb(), key);
}
