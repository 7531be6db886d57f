// The trade_status_sync notify a refund causes, to the trade's notify_url. Alipay has no refund
// notify of its own: a partial refund re-sends the trade as TRADE_SUCCESS, a refund of the whole
// payment as TRADE_CLOSED, both carrying refund_fee (the trade's cumulative refunded amount),
// gmt_refund and out_biz_no (the out_request_no). https://opendocs.alipay.com/open/270/105902
import { enqueueNotify, type OutboundNotify } from "../dispatcher";
import { takeNotifyFault } from "./faults";
import { fenToYuan } from "../money";
import { encodeForm, NOTIFY_CONTENT_TYPE, signNotify, tradeNotifyFields } from "./notify";
import type { AlipayRefund } from "./refunds";
import type { Params } from "./sign";
import { beijingTime } from "./time";
import type { AlipayTrade } from "./trades";

/** gmt_refund is "yyyy-MM-dd HH:mm:ss.S" in Alipay's field table (e.g. 2015-04-28 15:45:57.320). */
export function gmtRefund(ms: number): string {
  return `${beijingTime(ms)}.${String(ms % 1000).padStart(3, "0")}`;
}

export function refundNotifyFields(trade: AlipayTrade, refund: AlipayRefund, refundedTotalFen: number, now = Date.now()): Params {
  const closed = refundedTotalFen >= trade.totalFen;
  // The trade's own fields as when it was paid (amounts, gmt_payment), then the refund's.
  const fields: Params = { ...tradeNotifyFields(trade, "TRADE_SUCCESS", now) };
  fields.trade_status = closed ? "TRADE_CLOSED" : "TRADE_SUCCESS";
  if (closed) fields.gmt_close = beijingTime(refund.refundedAt);
  fields.refund_fee = fenToYuan(refundedTotalFen);
  fields.gmt_refund = gmtRefund(refund.refundedAt);
  fields.out_biz_no = refund.outRequestNo;
  return fields;
}

/** Queues the refund's notify, applying the trade's one-shot notify fault (drop, delay…). */
export function enqueueRefundNotify(trade: AlipayTrade, refund: AlipayRefund, refundedTotalFen: number): OutboundNotify | null {
  if (!trade.notifyUrl) return null;
  const { fault, delayMs } = takeNotifyFault(trade.outTradeNo);
  return enqueueNotify({
    platform: "alipay",
    tradeKey: trade.outTradeNo,
    url: trade.notifyUrl,
    contentType: NOTIFY_CONTENT_TYPE,
    body: encodeForm(signNotify(refundNotifyFields(trade, refund, refundedTotalFen))),
    delayMs,
    fault,
  });
}
