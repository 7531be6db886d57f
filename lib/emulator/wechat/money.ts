// The wallet shows fen as yuan. Integer maths only: 1230 fen is "¥12.30", never 12.299….

export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`not an amount in fen: ${fen}`);
  return `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;
}
