// The Transaction object, as query answers it and as a TRANSACTION.SUCCESS notify carries it
// (encrypted). No transaction_id, payer or success_time until the trade is paid.
import { rfc3339Beijing } from "./time";
import { hasRefunds } from "./refunds";
import { channelOf, type TradeType } from "./trade-channels";
import type { TradeState, WechatTrade } from "./trades";

const STATE_DESC: Record<TradeState, string> = {
  SUCCESS: "支付成功",
  NOTPAY: "订单未支付",
  CLOSED: "订单已关闭",
};

export interface Transaction {
  appid: string;
  mchid: string;
  out_trade_no: string;
  transaction_id?: string;
  trade_type: TradeType;
  /** REFUND once a refund was accepted on a paid trade. */
  trade_state: TradeState | "REFUND";
  trade_state_desc: string;
  bank_type?: string;
  attach?: string;
  success_time?: string;
  payer?: { openid: string };
  amount: { total: number; payer_total?: number; currency: "CNY"; payer_currency: "CNY" };
}

export function toTransaction(trade: WechatTrade): Transaction {
  const paid = trade.state === "SUCCESS";
  const tx: Transaction = {
    appid: trade.appId,
    mchid: trade.mchId,
    out_trade_no: trade.outTradeNo,
    trade_type: channelOf(trade.mchId, trade.outTradeNo)?.tradeType ?? "NATIVE",
    trade_state: trade.state,
    trade_state_desc: STATE_DESC[trade.state],
    amount: { total: trade.totalFen, currency: "CNY", payer_currency: "CNY" },
  };
  if (trade.attach !== null) tx.attach = trade.attach;
  if (paid) {
    tx.transaction_id = trade.transactionId!;
    tx.bank_type = trade.bankType ?? "OTHERS";
    tx.success_time = rfc3339Beijing(trade.successAt!);
    tx.payer = { openid: trade.payerOpenId! };
    tx.amount = { total: trade.totalFen, payer_total: trade.totalFen, currency: "CNY", payer_currency: "CNY" };
    if (hasRefunds(trade.mchId, trade.outTradeNo)) {
      tx.trade_state = "REFUND";
      tx.trade_state_desc = "转入退款";
    }
  }
  return tx;
}
