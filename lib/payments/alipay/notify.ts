// Inbound, Alipay-signed parameters: the async notify (form body) and the sync return (query).
// Order: one value per key, RSA2 signature (rsaCheckV1), field shapes, then app_id / seller_id.
// https://opendocs.alipay.com/open/270/105902
import type crypto from "node:crypto";
import { NotifyRejectedError, type PaymentFact } from "../types";
import { isRefundNotify, refundNoticeOf, type RefundNotice } from "./refund";
import { describeIssues, tradeReturn } from "./schemas";
import { singleValued, verifyNotifySignature, type Params } from "./sign";
import { notifyToFact, TradeShapeError } from "./transform";

export interface InboundCheck {
  appId: string;
  /** Checked against seller_id when configured. */
  sellerId?: string;
  alipayPublicKey: crypto.KeyObject;
}

/**
 * A verified notify: news of a payment, or of a refund. Alipay tells of refunds with the trade's
 * own notify (partial: TRADE_SUCCESS with refund_fee; full: TRADE_CLOSED with refund fields), so
 * those fields, not trade_status, decide: a refund is never a new payment nor a close.
 */
export type InboundTradeNotify =
  | { kind: "payment"; notifyId: string; fact: PaymentFact }
  | { kind: "refund_notice"; notifyId: string; notice: RefundNotice };

/** rawBody: application/x-www-form-urlencoded, as Alipay posted it. */
export function parseTradeNotify(rawBody: string, check: InboundCheck): InboundTradeNotify {
  const params = verifiedParams(new URLSearchParams(rawBody), check, "通知");
  if (isRefundNotify(params)) {
    let notice: RefundNotice;
    try {
      notice = refundNoticeOf(params);
    } catch (error) {
      if (error instanceof TradeShapeError) throw new NotifyRejectedError("MALFORMED", error.message);
      throw error;
    }
    checkIdentity(notice.appId, notice.sellerId, check, "通知");
    return { kind: "refund_notice", notifyId: notice.notifyId, notice };
  }
  let parsed: ReturnType<typeof notifyToFact>;
  try {
    parsed = notifyToFact(params);
  } catch (error) {
    if (error instanceof TradeShapeError) throw new NotifyRejectedError("MALFORMED", error.message);
    throw error;
  }
  checkIdentity(parsed.appId, parsed.sellerId, check, "通知");
  return { kind: "payment", notifyId: parsed.notifyId, fact: parsed.fact };
}

/** The payer's browser back from the cashier: only which order, for the page to then query. */
export function parseTradeReturn(query: URLSearchParams, check: InboundCheck): { orderNo: string } {
  const params = verifiedParams(query, check, "返回参数");
  const parsed = tradeReturn.safeParse(params);
  if (!parsed.success) throw new NotifyRejectedError("MALFORMED", `返回参数不正确：${describeIssues(parsed.error)}`);
  checkIdentity(parsed.data.app_id, parsed.data.seller_id, check, "返回参数");
  return { orderNo: parsed.data.out_trade_no };
}

function verifiedParams(query: URLSearchParams, check: InboundCheck, what: string): Params {
  const params = singleValued(query);
  if (!params) throw new NotifyRejectedError("MALFORMED", `${what}中有重复的参数`);
  if (!params.sign) throw new NotifyRejectedError("SIGN_ERROR", `${what}没有签名`);
  if (params.sign_type !== "RSA2") {
    throw new NotifyRejectedError("SIGN_ERROR", `${what}的签名类型不是 RSA2：${(params.sign_type ?? "（无）").slice(0, 10)}`);
  }
  if (!verifyNotifySignature(params, check.alipayPublicKey)) {
    throw new NotifyRejectedError("SIGN_ERROR", `${what}签名验证失败`);
  }
  return params;
}

function checkIdentity(appId: string, sellerId: string | undefined, check: InboundCheck, what: string): void {
  if (appId !== check.appId) {
    throw new NotifyRejectedError("APP_ID_MISMATCH", `${what}的 app_id ${appId.slice(0, 32)} 不是本账户的 ${check.appId}`);
  }
  if (check.sellerId && sellerId !== check.sellerId) {
    throw new NotifyRejectedError(
      "SELLER_MISMATCH",
      `${what}的 seller_id ${(sellerId ?? "（无）").slice(0, 32)} 不是本账户的 ${check.sellerId}`,
    );
  }
}
