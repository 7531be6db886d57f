// Beijing time as plain text, without depending on the server's zone or ICU data:
// China has no daylight saving time, so it is always UTC+8.
const OFFSET_MS = 8 * 60 * 60 * 1000;

/** "2026-01-31 18:05:09" */
export function beijingDateTime(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}

/** "20260131", for file names. */
export function beijingDateStamp(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10).replaceAll("-", "");
}

/** "2031-12-02" */
export function beijingDate(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}
