// A Beijing day's bill rows from the emulator's own trades and refunds: payments by their success
// time, refunds by theirs, with fees at the configured rate and any planted differences applied.
import { feeFen, type BillRow } from "./bill-file";
import { plantFor } from "./bill-store";
import { refundsOfTrade, succeededBetween, type WechatRefund } from "./refunds";
import { channelOf } from "./trade-channels";
import { findByOutTradeNo, paidBetween, walletOpenId, type WechatTrade } from "./trades";

const DAY_MS = 24 * 3600 * 1000;
const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

/** [start, end) in epoch ms of a Beijing calendar day "YYYY-MM-DD" (already validated). */
export function beijingDayRange(billDate: string): { startMs: number; endMs: number } {
  const [y, m, d] = billDate.split("-").map(Number);
  const startMs = Date.UTC(y, m - 1, d) - BEIJING_OFFSET_MS;
  return { startMs, endMs: startMs + DAY_MS };
}

function base(trade: WechatTrade, at: number) {
  return {
    at,
    appId: trade.appId,
    mchId: trade.mchId,
    transactionId: trade.transactionId ?? "",
    outTradeNo: trade.outTradeNo,
    openId: trade.payerOpenId ?? walletOpenId(trade.appId),
    tradeType: channelOf(trade.mchId, trade.outTradeNo)?.tradeType ?? "NATIVE",
    bankType: trade.bankType ?? "OTHERS",
    description: trade.description,
    attach: trade.attach ?? "",
  };
}

/**
 * The fee given back by one refund: its share at the rate, but never more than what is left of
 * the payment's fee after the trade's earlier refunds.
 */
function feeReturned(refund: WechatRefund, trade: WechatTrade, rateBp: number): number {
  let left = feeFen(trade.totalFen, rateBp);
  const earlier = refundsOfTrade(trade.mchId, trade.outTradeNo)
    .filter((r) => r.status === "SUCCESS" && r.successAt !== null)
    .sort((a, b) => a.successAt! - b.successAt! || a.createdAt - b.createdAt);
  for (const r of earlier) {
    const share = Math.min(feeFen(r.refundFen, rateBp), left);
    if (r.outRefundNo === refund.outRefundNo) return share;
    left -= share;
  }
  return 0;
}

export function billRows(mchId: string, billDate: string, rateBp: number): BillRow[] {
  const { startMs, endMs } = beijingDayRange(billDate);
  const rows: BillRow[] = [];
  for (const trade of paidBetween(mchId, startMs, endMs)) {
    const plant = plantFor("trade", trade.outTradeNo);
    if (plant?.omit) continue;
    const amountFen = plant?.amountFen ?? trade.totalFen;
    rows.push({ kind: "payment", ...base(trade, trade.successAt!), amountFen, feeFen: feeFen(amountFen, rateBp) });
  }
  for (const refund of succeededBetween(mchId, startMs, endMs)) {
    const plant = plantFor("refund", refund.outRefundNo);
    if (plant?.omit) continue;
    const trade = findByOutTradeNo(refund.mchId, refund.outTradeNo);
    if (!trade) continue;
    rows.push({
      kind: "refund",
      ...base(trade, refund.successAt!),
      refundId: refund.refundId,
      outRefundNo: refund.outRefundNo,
      refundFen: plant?.amountFen ?? refund.refundFen,
      feeReturnedFen: feeReturned(refund, trade, rateBp),
    });
  }
  return rows.sort((a, b) => a.at - b.at);
}
