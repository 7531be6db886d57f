// A Beijing day's bill rows, from the emulator's own trades and refunds: one 交易 row per payment
// completed that day and one 退款 row per refund made that day, each with Alipay's service fee
// (charged on payments, given back pro rata on refunds). Planted differences are applied here.
import { getBillPlant, getBillSettings } from "./bill-settings";
import { refundsBetween, refundsOfTrade, type AlipayRefund } from "./refunds";
import { findByTradeNo, listPaidBetween, type AlipayTrade } from "./trades";

const DAY_MS = 86400_000;
const BEIJING_OFFSET_MS = 8 * 3600_000;

export interface BillRow {
  kind: "payment" | "refund";
  tradeNo: string;
  outTradeNo: string;
  subject: string;
  buyerLogonId: string;
  createdAt: number;
  finishedAt: number;
  /** Positive: paid, or refunded. */
  amountFen: number;
  /** Positive: the fee charged (payment) or given back (refund). */
  feeFen: number;
  outRequestNo?: string;
}

/** Epoch ms of 00:00 Beijing time on "yyyy-MM-dd"; null unless a real date. */
export function beijingDayStart(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(utc).toISOString().slice(0, 10) !== date) return null;
  return utc - BEIJING_OFFSET_MS;
}

/** Half up to the fen, in integers: 0.6% of 50 fen is 0.3 fen → 0. */
export function feeOf(amountFen: number, basisPoints: number): number {
  return Math.floor((amountFen * basisPoints + 5000) / 10000);
}

/** The fee given back by each refund of a trade: pro rata, the last one returning the rest. */
function refundFees(trade: AlipayTrade, tradeFeeFen: number, basisPoints: number): Map<string, number> {
  const fees = new Map<string, number>();
  let refunded = 0;
  let returned = 0;
  for (const refund of refundsOfTrade(trade.tradeNo)) {
    refunded += refund.refundFen;
    const fee = refunded >= trade.totalFen ? tradeFeeFen - returned : Math.min(feeOf(refund.refundFen, basisPoints), tradeFeeFen - returned);
    returned += fee;
    fees.set(refund.outRequestNo, fee);
  }
  return fees;
}

export function billRowsOf(appId: string, date: string): BillRow[] {
  const from = beijingDayStart(date);
  if (from === null) throw new RangeError(`not a date: ${date}`);
  const { feeRateBasisPoints: bp } = getBillSettings();
  const rows: BillRow[] = [];

  for (const trade of listPaidBetween(appId, from, from + DAY_MS)) {
    const plant = getBillPlant(trade.outTradeNo);
    if (plant.omit) continue;
    const amountFen = plant.amountFen ?? trade.totalFen;
    rows.push({ ...common(trade), kind: "payment", finishedAt: trade.paidAt!, amountFen, feeFen: feeOf(amountFen, bp) });
  }

  const trades = new Map<string, AlipayTrade | null>();
  for (const refund of refundsBetween(appId, from, from + DAY_MS)) {
    if (!trades.has(refund.tradeNo)) trades.set(refund.tradeNo, findByTradeNo(appId, refund.tradeNo));
    const trade = trades.get(refund.tradeNo);
    if (!trade || getBillPlant(trade.outTradeNo).omit) continue;
    rows.push(refundRow(trade, refund, refundFees(trade, feeOf(trade.totalFen, bp), bp).get(refund.outRequestNo) ?? 0));
  }
  return rows.sort((a, b) => a.finishedAt - b.finishedAt);
}

function common(trade: AlipayTrade) {
  return { tradeNo: trade.tradeNo, outTradeNo: trade.outTradeNo, subject: trade.subject, buyerLogonId: trade.buyerLogonId, createdAt: trade.createdAt };
}

function refundRow(trade: AlipayTrade, refund: AlipayRefund, feeFen: number): BillRow {
  return { ...common(trade), kind: "refund", finishedAt: refund.refundedAt, amountFen: refund.refundFen, feeFen, outRequestNo: refund.outRequestNo };
}
