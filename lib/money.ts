// The one place money changes representation. Everything inside the app is integer fen.

const YUAN_PATTERN = /^(0|[1-9]\d{0,11})(?:\.(\d{1,2}))?$/;
export const MAX_FEN = 100_000_000_00; // 100,000,000.00 yuan, Alipay's ceiling

export function isFen(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

/** "12.30" → 1230. Exact: the string is split, never parsed as a float. Throws on anything else. */
export function parseYuan(yuan: string): number {
  const match = YUAN_PATTERN.exec(yuan);
  if (!match) throw new RangeError(`not a yuan amount: ${JSON.stringify(yuan)}`);
  const whole = Number(match[1]);
  const fraction = Number((match[2] ?? "").padEnd(2, "0"));
  const fen = whole * 100 + fraction;
  if (fen > MAX_FEN) throw new RangeError(`amount too large: ${yuan}`);
  return fen;
}

/** 1230 → "12.30" (Alipay's wire format). */
export function toYuan(fen: number): string {
  if (!isFen(fen)) throw new RangeError(`not an amount in fen: ${fen}`);
  const whole = Math.floor(fen / 100);
  const fraction = fen % 100;
  return `${whole}.${String(fraction).padStart(2, "0")}`;
}

/** 1230 → "¥12.30", for people. */
export function formatFen(fen: number): string {
  return `¥${toYuan(fen)}`;
}
