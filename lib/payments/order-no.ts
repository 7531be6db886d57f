import crypto from "node:crypto";

/**
 * 24 digits: Beijing date-time to the second, then 10 random digits, so that even thousands of
 * orders in one second practically never collide (the unique index is the last guard).
 * Fits WeChat's 6-32 and Alipay's 64-character limits.
 */
export function newOrderNo(now = new Date()): string {
  const beijing = new Date(now.getTime() + 8 * 3600 * 1000).toISOString();
  const stamp = beijing.slice(0, 19).replace(/[-T:]/g, "");
  const random = crypto.randomInt(0, 100_000) * 100_000 + crypto.randomInt(0, 100_000);
  return `${stamp}${String(random).padStart(10, "0")}`;
}
