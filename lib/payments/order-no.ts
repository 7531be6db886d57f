import crypto from "node:crypto";

/** 20 characters: Beijing date-time to the second, then 6 random digits. Fits both platforms' rules. */
export function newOrderNo(now = new Date()): string {
  const beijing = new Date(now.getTime() + 8 * 3600 * 1000).toISOString(); // 2026-11-22T08:30:00.000Z shifted
  const stamp = beijing.slice(0, 19).replace(/[-T:]/g, "");
  return `${stamp}${String(crypto.randomInt(0, 1_000_000)).padStart(6, "0")}`;
}
