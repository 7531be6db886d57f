// The trade state machine's transitions: create (with re-entry rules), pay (with its notify),
// close, and the payer's decline. WeChat never closes a Native order at time_expire by itself
// within the emulator's horizon: past it, the code cannot be paid and query keeps saying NOTPAY.
import type { OutboundNotify } from "../dispatcher";
import { canonicalJson, type NativeRequest } from "./native-request";
import { enqueuePaymentNotify } from "./notify";
import { WechatApiError } from "./response";
import { parseRfc3339 } from "./time";
import { channelOf } from "./trade-channels";
import { toTransaction } from "./transaction";
import { expireNow, insertTrade, markClosed, markDeclined, markPaid, newTransactionId, reload, walletOpenId, type WechatTrade } from "./trades";

const MINUTE = 60_000;
/** Without time_expire the code_url is valid for 2 hours. */
const DEFAULT_VALIDITY_MS = 120 * MINUTE;
const MAX_VALIDITY_MS = 90 * 24 * 60 * MINUTE;

export const isExpired = (trade: WechatTrade, now = Date.now()) => trade.state === "NOTPAY" && trade.expiresAt <= now;

/**
 * POST /v3/pay/transactions/native (and, with tradeType, jsapi / h5) after validation. Throws
 * WechatApiError for re-entry conflicts: the same out_trade_no under another trade type is one.
 */
export function createNativeTrade(request: NativeRequest, now = Date.now(), tradeType: "NATIVE" | "JSAPI" | "MWEB" = "NATIVE"): WechatTrade {
  let expiresAt = now + DEFAULT_VALIDITY_MS;
  if (request.time_expire !== undefined) {
    const at = parseRfc3339(request.time_expire)!;
    if (at > now + MAX_VALIDITY_MS) {
      throw new WechatApiError(400, "PARAM_ERROR", "参数 /body/time_expire 不能晚于下单后 90 天", { location: "body", field: "/time_expire", value: request.time_expire });
    }
    // WeChat moves a time_expire earlier than one minute from now up to one minute.
    expiresAt = Math.max(at, now + MINUTE);
  }
  const paramsKey = tradeType === "NATIVE" ? canonicalJson(request) : canonicalJson({ trade_type: tradeType, request });
  const { trade, created } = insertTrade(
    {
      mchId: request.mchid,
      appId: request.appid,
      outTradeNo: request.out_trade_no,
      description: request.description,
      attach: request.attach ?? null,
      notifyUrl: request.notify_url,
      totalFen: request.amount.total,
      timeExpire: request.time_expire ?? null,
      expiresAt,
      paramsKey,
    },
    now,
  );
  if (created) return trade;
  if (trade.state === "SUCCESS") throw new WechatApiError(400, "ORDERPAID", "该订单已支付");
  if (trade.state === "CLOSED") throw new WechatApiError(400, "ORDER_CLOSED", "订单已关闭，请使用新的商户订单号下单");
  if (trade.paramsKey !== paramsKey) throw new WechatApiError(400, "INVALID_REQUEST", "请求重入时，参数与首次请求时不一致");
  return trade;
}

/** A payer or test action that the trade's state does not allow. */
export class TradeActionError extends Error {
  constructor(
    readonly code: "ORDER_NOT_EXIST" | "ORDER_CLOSED" | "ORDER_EXPIRED" | "NOT_CLOSED",
    message: string,
  ) {
    super(message);
    this.name = "TradeActionError";
  }
}

export interface PayResult {
  trade: WechatTrade;
  notify: OutboundNotify | null;
  /** True when the trade was already paid: nothing changed and no notify was sent. */
  alreadyPaid: boolean;
}

/**
 * The payer confirms in the wallet. `late` lets the money land on a closed or expired trade
 * (the pay_after_close control); otherwise those are refused and nothing is sent.
 */
export function payTrade(trade: WechatTrade, options: { late?: boolean; now?: number; payerOpenId?: string } = {}): PayResult {
  const now = options.now ?? Date.now();
  if (trade.state === "SUCCESS") return { trade, notify: null, alreadyPaid: true };
  const refuse = (current: WechatTrade) => {
    if (current.state === "CLOSED") return new TradeActionError("ORDER_CLOSED", "订单已关闭，无法支付");
    return new TradeActionError("ORDER_EXPIRED", "二维码已过期，无法支付");
  };
  if (!options.late && (trade.state === "CLOSED" || isExpired(trade, now))) throw refuse(trade);

  const paidNow = markPaid(
    trade,
    { transactionId: newTransactionId(now), payerOpenId: options.payerOpenId ?? payerOf(trade), bankType: "OTHERS", successAt: now },
    { late: options.late },
  );
  const fresh = reload(trade);
  if (!paidNow) {
    if (fresh.state === "SUCCESS") return { trade: fresh, notify: null, alreadyPaid: true };
    throw refuse(fresh);
  }
  return { trade: fresh, notify: enqueuePaymentNotify(fresh, toTransaction(fresh)), alreadyPaid: false };
}

/** A JSAPI trade is paid by the openid it was created for; Native and H5 by the wallet's payer. */
function payerOf(trade: WechatTrade): string {
  return channelOf(trade.mchId, trade.outTradeNo)?.openid ?? walletOpenId(trade.appId);
}

/** POST …/close: NOTPAY → CLOSED, again on CLOSED is fine, a paid trade is ORDERPAID. */
export function closeTrade(trade: WechatTrade, now = Date.now()): WechatTrade {
  if (trade.state === "NOTPAY" && markClosed(trade, now)) return reload(trade);
  const fresh = reload(trade);
  if (fresh.state === "SUCCESS") throw new WechatApiError(400, "ORDERPAID", "订单已支付，不能关闭");
  return fresh;
}

/** The payer presses 拒绝支付: WeChat only notes it; the trade stays NOTPAY and payable. */
export function declineTrade(trade: WechatTrade, now = Date.now()): WechatTrade {
  if (trade.state === "NOTPAY") markDeclined(trade, now);
  return reload(trade);
}

/** Test control: the code_url's time runs out now. */
export function expireTrade(trade: WechatTrade, now = Date.now()): WechatTrade {
  expireNow(trade, now);
  return reload(trade);
}
