// Failed sign-ins per username: each attempt is counted before the password is checked (so a
// burst of parallel guesses can't all slip past the limit), a success clears the count, the
// fifth failure locks the name for 15 minutes, and earlier failures add a growing delay.
import "server-only";
import { getDb } from "@/db/client";
import { clearThrottle, countAttempt, getThrottle, lockThrottle } from "@/db/queries/admins";
import { AppError } from "@/lib/errors";

export const MAX_FAILURES = 5;
export const LOCK_MS = 15 * 60 * 1000;
const DELAY_STEP_MS = 150;

export function throttleKey(username: string): string {
  return username.trim().toLowerCase();
}

function lockedError(lockedUntil: number, now: number): AppError {
  const minutes = Math.max(1, Math.ceil((lockedUntil - now) / 60_000));
  return new AppError("too_many_requests", `登录失败次数过多，该账号已暂时锁定，请 ${minutes} 分钟后再试`);
}

/** Counts this attempt or refuses it; returns how long to wait before checking the password. */
export function beginAttempt(key: string, now = Date.now()): { delayMs: number } {
  const db = getDb();
  const row = getThrottle(db, key);
  if (row?.lockedUntil != null) {
    if (row.lockedUntil > now) throw lockedError(row.lockedUntil, now);
    clearThrottle(db, key); // the window has passed: start afresh
  }
  const attempts = countAttempt(db, key, now);
  if (attempts > MAX_FAILURES) {
    lockThrottle(db, key, now + LOCK_MS, now);
    throw lockedError(now + LOCK_MS, now);
  }
  return { delayMs: (attempts - 1) * DELAY_STEP_MS };
}

export function attemptFailed(key: string, now = Date.now()): void {
  const row = getThrottle(getDb(), key);
  if (row && row.failures >= MAX_FAILURES) lockThrottle(getDb(), key, now + LOCK_MS, now);
}

export function attemptSucceeded(key: string): void {
  clearThrottle(getDb(), key);
}
