// Yuan strings on the wire, integer fen inside, for both emulated platforms. The emulator
// converts on its own (it shares no code with the app, so a bug in lib/money.ts cannot hide here),
// always by splitting the string: "0.29" is 29 fen, never 28.999….

const YUAN = /^(0|[1-9]\d{0,8})(?:\.(\d{1,2}))?$/;
export const MIN_FEN = 1;
export const MAX_FEN = 10_000_000_000; // 100000000.00 yuan, Alipay's ceiling

/** "12.30" → 1230; null for anything that is not a plain yuan amount with at most 2 decimals. */
export function yuanToFen(yuan: string): number | null {
  const match = YUAN.exec(yuan);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

/** 1230 → "12.30". */
export function fenToYuan(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`not an amount in fen: ${fen}`);
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;
}

/** 1230 → "¥12.30", for the cashier and wallet pages. */
export function formatFen(fen: number): string {
  return `¥${fenToYuan(fen)}`;
}
