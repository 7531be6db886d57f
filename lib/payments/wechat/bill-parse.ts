// A WeChat Pay ALL trade bill (the CSV behind download_url) → normalised BillLine[] and BillTotals.
// Pure. Every data field is prefixed with a backtick, amounts are yuan (fees with 5 decimals),
// and the file ends with a summary header and row, which are checked against the rows. A line that
// cannot be read is reported in `malformed` with its line number, never skipped.
// https://pay.weixin.qq.com/doc/v3/merchant/4012556654
import { parseYuan } from "@/lib/money";
import type { BillLine, BillTotals } from "../types";

export interface ParsedBill {
  lines: BillLine[];
  totals: BillTotals;
  malformed: { line: number; issue: string }[];
}

const COLUMNS = {
  time: "交易时间",
  tradeNo: "微信订单号",
  orderNo: "商户订单号",
  state: "交易状态",
  settled: "应结订单金额",
  refundId: "微信退款单号",
  refundNo: "商户退款单号",
  refunded: "退款金额",
  refundStatus: "退款状态",
  fee: "手续费",
  orderTotal: "订单金额",
  refundAsked: "申请退款金额",
} as const;
type Column = keyof typeof COLUMNS;
const SUMMARY_FIRST = "总交易单数";
const SUMMARY_COLUMNS = ["总交易单数", "应结订单总金额", "退款总金额", "充值券退款总金额", "手续费总金额", "订单总金额", "申请退款总金额"];

class LineError extends Error {}

/** "12.30" → 1230 through lib/money; anything else is a LineError naming the column. */
function yuan(text: string, column: string): number {
  try {
    return parseYuan(text);
  } catch {
    throw new LineError(`${column}不是金额：${JSON.stringify(text.slice(0, 20))}`);
  }
}

/** Fees carry five decimals ("0.36000", "-0.06000") but are whole fen; a sub-fen digit is an error. */
function feeYuan(text: string, column: string): number {
  const m = /^(-?)(\d+)\.(\d{2})(\d*)$/.exec(text);
  if (!m || /[^0]/.test(m[4])) throw new LineError(`${column}不是整分的金额：${JSON.stringify(text.slice(0, 20))}`);
  const fen = yuan(`${m[2]}.${m[3]}`, column);
  return m[1] === "-" ? -fen : fen;
}

/** "2026-11-22 15:29:35" in Beijing time. */
function beijingTime(text: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (m) {
    const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
    const ms = Date.UTC(y, mo - 1, d, h - 8, mi, s);
    const check = new Date(ms + 8 * 3600 * 1000);
    if (check.getUTCDate() === d && check.getUTCMonth() === mo - 1 && h < 24 && mi < 60 && s < 60) return new Date(ms);
  }
  throw new LineError(`交易时间格式不正确：${JSON.stringify(text.slice(0, 30))}`);
}

/** `a,`b,`c → ["a", "b", "c"]: split on ",`" so commas inside a field survive. */
function backtickFields(line: string): string[] | null {
  return line.startsWith("`") ? line.slice(1).split(",`") : null;
}

interface Sums {
  settledFen: number;
  refundedFen: number;
  feeFen: number;
  orderTotalFen: number;
  refundAskedFen: number;
}

export function parseWechatBill(text: string): ParsedBill {
  const rows = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (rows.at(-1) === "") rows.pop();
  const malformed: ParsedBill["malformed"] = [];
  const lines: BillLine[] = [];
  const sums: Sums = { settledFen: 0, refundedFen: 0, feeFen: 0, orderTotalFen: 0, refundAskedFen: 0 };

  const header = (rows[0] ?? "").split(",");
  const index = {} as Record<Column, number>;
  const missing = (Object.keys(COLUMNS) as Column[]).filter((key) => (index[key] = header.indexOf(COLUMNS[key])) === -1);
  if (rows.length === 0 || missing.length) {
    malformed.push({ line: 1, issue: rows.length ? `表头缺少列：${missing.map((k) => COLUMNS[k]).join("、")}` : "账单为空" });
  }

  let dataRows = 0;
  let at = 1;
  for (; at < rows.length; at++) {
    const row = rows[at];
    if (row.startsWith(SUMMARY_FIRST)) break;
    dataRows++;
    if (missing.length) {
      malformed.push({ line: at + 1, issue: "表头无法识别，无法解析此行" });
      continue;
    }
    try {
      const line = parseRow(row, header.length, index, sums);
      if (line) lines.push(line);
    } catch (error) {
      if (!(error instanceof LineError)) throw error;
      malformed.push({ line: at + 1, issue: error.message });
    }
  }

  checkSummary(rows, at, dataRows, malformed.length === 0 ? sums : null, malformed);

  const paymentFen = lines.filter((l) => l.kind === "payment").reduce((s, l) => s + l.amountFen, 0);
  const refundFen = lines.filter((l) => l.kind === "refund").reduce((s, l) => s + l.amountFen, 0);
  const feeFen = lines.reduce((s, l) => s + l.feeFen, 0);
  return { lines, totals: { count: lines.length, paymentFen, refundFen, feeFen, netFen: paymentFen - refundFen - feeFen }, malformed };
}

/** One data row → a BillLine, or null for a refund that is not (yet) a success; throws LineError. */
function parseRow(row: string, width: number, index: Record<Column, number>, sums: Sums): BillLine | null {
  const fields = backtickFields(row);
  if (!fields) throw new LineError(row.trim() === "" ? "空行" : "数据行须以反引号 ` 开头");
  if (fields.length !== width) throw new LineError(`字段数为 ${fields.length}，应为 ${width}`);
  const f = (key: Column) => fields[index[key]];

  const occurredAt = beijingTime(f("time"));
  const orderNo = f("orderNo");
  const platformTradeNo = f("tradeNo");
  if (!orderNo || !platformTradeNo) throw new LineError("缺少商户订单号或微信订单号");
  const settledFen = yuan(f("settled"), COLUMNS.settled);
  const refundedFen = yuan(f("refunded"), COLUMNS.refunded);
  const feeFen = feeYuan(f("fee"), COLUMNS.fee);
  const orderTotalFen = yuan(f("orderTotal"), COLUMNS.orderTotal);
  const refundAskedFen = yuan(f("refundAsked"), COLUMNS.refundAsked);
  const state = f("state");
  if (state !== "SUCCESS" && state !== "REFUND") throw new LineError(`不支持的交易状态：${state.slice(0, 20)}`);

  sums.settledFen += settledFen;
  sums.refundedFen += refundedFen;
  sums.feeFen += feeFen;
  sums.orderTotalFen += orderTotalFen;
  sums.refundAskedFen += refundAskedFen;

  if (state === "SUCCESS") return { kind: "payment", orderNo, platformTradeNo, amountFen: orderTotalFen, feeFen, occurredAt };
  const refundNo = f("refundNo");
  const platformRefundId = f("refundId");
  if (!refundNo || !platformRefundId) throw new LineError("退款行缺少商户退款单号或微信退款单号");
  if (f("refundStatus") !== "SUCCESS") throw new LineError(`退款状态为 ${f("refundStatus").slice(0, 20) || "空"}，未计入`);
  return { kind: "refund", orderNo, platformTradeNo, refundNo, platformRefundId, amountFen: refundAskedFen, feeFen, occurredAt };
}

/** The summary header at rows[at], its row after it, and nothing else after those. */
function checkSummary(rows: string[], at: number, dataRows: number, sums: Sums | null, malformed: ParsedBill["malformed"]): void {
  if (at >= rows.length) {
    malformed.push({ line: rows.length + 1, issue: "缺少汇总行（总交易单数…）" });
    return;
  }
  if (rows[at] !== SUMMARY_COLUMNS.join(",")) malformed.push({ line: at + 1, issue: "汇总表头与预期不符" });
  const fields = backtickFields(rows[at + 1] ?? "");
  const summaryLine = at + 2;
  for (let extra = at + 2; extra < rows.length; extra++) malformed.push({ line: extra + 1, issue: "汇总之后还有多余的行" });
  if (!fields || fields.length !== SUMMARY_COLUMNS.length) {
    malformed.push({ line: summaryLine, issue: "汇总行格式不正确" });
    return;
  }
  const mismatch = (what: string, said: string, counted: string) => malformed.push({ line: summaryLine, issue: `汇总${what}为 ${said}，逐行合计为 ${counted}` });
  if (fields[0] !== String(dataRows)) mismatch("总交易单数", fields[0], String(dataRows));
  // Amounts are compared only when every row could be read: otherwise the rows' sums are partial.
  if (!sums) return;
  const expected: [number, string, number][] = [
    [1, "应结订单总金额", sums.settledFen],
    [2, "退款总金额", sums.refundedFen],
    [4, "手续费总金额", sums.feeFen],
    [5, "订单总金额", sums.orderTotalFen],
    [6, "申请退款总金额", sums.refundAskedFen],
  ];
  for (const [i, what, counted] of expected) {
    try {
      const said = i === 4 ? feeYuan(fields[i], what) : yuan(fields[i], what);
      if (said !== counted) mismatch(what, fields[i], `${counted} 分`);
    } catch (error) {
      if (!(error instanceof LineError)) throw error;
      malformed.push({ line: summaryLine, issue: error.message });
    }
  }
}
