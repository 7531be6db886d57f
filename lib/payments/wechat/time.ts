// RFC 3339 as WeChat writes it: Beijing time with an explicit offset, whole seconds.

const BEIJING_OFFSET_MS = 8 * 3600 * 1000;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/** 2026-11-22T08:30:00.000Z → "2026-11-22T16:30:00+08:00". */
export function toBeijingRfc3339(date: Date): string {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) throw new RangeError("invalid date");
  return `${new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/** Strict: a date-time with seconds and an offset (or Z); throws otherwise. */
export function parseRfc3339(value: string): Date {
  const ms = RFC3339.test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`not an RFC 3339 date-time: ${JSON.stringify(value)}`);
  return new Date(ms);
}
