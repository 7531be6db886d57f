// WeChat Pay v3 writes times as RFC 3339 in Beijing time ("2026-11-22T15:29:35+08:00"), whatever
// the server's own time zone is.

const OFFSET_MS = 8 * 3600 * 1000;
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

export function rfc3339Beijing(ms: number = Date.now()): string {
  return `${new Date(ms + OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/** "yyyyMMdd" in Beijing time, for transaction ids. */
export function beijingDate(ms: number = Date.now()): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10).replaceAll("-", "");
}

/** Epoch ms of an RFC 3339 date-time with an explicit offset; null when malformed or not a real date. */
export function parseRfc3339(text: string): number | null {
  const m = RFC3339.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const local = Date.UTC(y, mo - 1, d, h, mi, s);
  // Date.UTC rolls 2026-02-30 over to March: reject dates that do not exist.
  if (new Date(local).getUTCDate() !== d) return null;
  const zone = m[8];
  let offsetMin = 0;
  if (zone !== "Z") {
    const [oh, om] = zone.slice(1).split(":").map(Number);
    if (oh > 23 || om > 59) return null;
    offsetMin = (zone[0] === "-" ? -1 : 1) * (oh * 60 + om);
  }
  const fraction = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  return local - offsetMin * 60_000 + fraction;
}
