// Alipay speaks Beijing time (UTC+8, no daylight saving) as "yyyy-MM-dd HH:mm:ss", whatever
// the server's own time zone is.

const OFFSET_MS = 8 * 3600 * 1000;
const PATTERN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

export function beijingTime(ms: number = Date.now()): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

/** "yyyyMMdd" in Beijing time, for trade numbers. */
export function beijingDate(ms: number = Date.now()): string {
  return beijingTime(ms).slice(0, 10).replaceAll("-", "");
}

/** Epoch ms for a Beijing "yyyy-MM-dd HH:mm:ss"; null when malformed or not a real date. */
export function parseBeijingTime(text: string): number | null {
  const m = PATTERN.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  const ms = Date.UTC(y, mo - 1, d, h, mi, s) - OFFSET_MS;
  // Date.UTC rolls 2026-02-30 over to March: reject anything that does not round-trip.
  return beijingTime(ms) === text ? ms : null;
}
