// Calendar days in Beijing (UTC+8, no daylight saving), whatever the server's own zone.
const OFFSET_MS = 8 * 3600_000;
export const DAY_MS = 86_400_000;

/** "2026-03-01" → the instant that day starts in Beijing; null for a date that does not exist. */
export function beijingDayStartMs(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = Date.UTC(y, mo - 1, d);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  return utc - OFFSET_MS;
}

/** The start of the Beijing day containing `ms`. */
export function startOfBeijingDay(ms: number): number {
  return Math.floor((ms + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS;
}

/** "2026-03-01" for the Beijing day containing `ms`. */
export function beijingDate(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}

/** Days since 1970-01-01 in Beijing: how the dashboard queries group by day. */
export function beijingDayNumber(ms: number): number {
  return Math.floor((ms + OFFSET_MS) / DAY_MS);
}
