// Alipay speaks Beijing time (UTC+8; China has had no daylight saving since 1991) as
// "yyyy-MM-dd HH:mm:ss", in timestamps, time_expire, gmt_payment and send_pay_date. A fixed offset
// keeps this independent of process.env.TZ and of the ICU data Node was built with.

const OFFSET_MS = 8 * 3600 * 1000;
const PATTERN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

export function formatBeijingTime(at: Date | number): string {
  const ms = typeof at === "number" ? at : at.getTime();
  if (!Number.isFinite(ms)) throw new RangeError("not a valid time");
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

/** "2026-11-22 15:30:00" (Beijing) → Date; null when malformed or not a real calendar time. */
export function parseBeijingTime(text: string): Date | null {
  const match = PATTERN.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) - OFFSET_MS;
  // Date.UTC rolls 2026-02-30 over into March: accept only what round-trips.
  return formatBeijingTime(ms) === text ? new Date(ms) : null;
}
