// "yyyyMMddHHmmss" in Beijing time, for prepay ids.
const OFFSET_MS = 8 * 3600 * 1000;

export function beijingDateTime(ms: number = Date.now()): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 19).replace(/[-T:]/g, "");
}
