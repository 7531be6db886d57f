// Async notifies (trade_status_sync): form-encoded, every field a string, empty fields left out,
// signed by the notify rule (sign and sign_type excluded). https://opendocs.alipay.com/open/270/105902
import crypto from "node:crypto";
import { enqueueNotify, type OutboundNotify } from "../dispatcher";
import { alipayKeys } from "./credentials";
import { takeNotifyFault } from "./faults";
import { fenToYuan } from "../money";
import { NOTIFY_EXCLUDE, rsa2Sign, signContent, type Params } from "./sign";
import { beijingDate, beijingTime } from "./time";
import type { AlipayTrade } from "./trades";

export type NotifyTradeStatus = "WAIT_BUYER_PAY" | "TRADE_SUCCESS" | "TRADE_FINISHED" | "TRADE_CLOSED";

// Alipay has been seen sending "application/x-www-form-urlencoded; text/html; charset=utf-8";
// the plain form is what its docs promise and what merchants' parsers must handle first.
export const NOTIFY_CONTENT_TYPE = "application/x-www-form-urlencoded; charset=utf-8";

/** The unsigned fields of a notify about `trade` now being in `status`. */
export function tradeNotifyFields(trade: AlipayTrade, status: NotifyTradeStatus, now = Date.now()): Params {
  const keys = alipayKeys();
  const amount = fenToYuan(trade.totalFen);
  const paid = status === "TRADE_SUCCESS" || status === "TRADE_FINISHED";
  const fields: Record<string, string | null> = {
    notify_time: beijingTime(now),
    notify_type: "trade_status_sync",
    notify_id: newNotifyId(now),
    app_id: trade.appId,
    auth_app_id: trade.appId,
    charset: "utf-8",
    version: "1.0",
    sign_type: "RSA2",
    trade_no: trade.tradeNo,
    out_trade_no: trade.outTradeNo,
    trade_status: status,
    total_amount: amount,
    receipt_amount: paid ? amount : null,
    invoice_amount: paid ? amount : null,
    buyer_pay_amount: paid ? amount : null,
    point_amount: paid ? "0.00" : null,
    fund_bill_list: paid ? JSON.stringify([{ amount, fundChannel: "ALIPAYACCOUNT" }]) : null,
    seller_id: keys.sellerId,
    buyer_id: trade.buyerId,
    buyer_logon_id: trade.buyerLogonId,
    gmt_create: beijingTime(trade.createdAt),
    gmt_payment: paid ? beijingTime(trade.paidAt ?? now) : null,
    gmt_close: status === "TRADE_CLOSED" ? beijingTime(trade.closedAt ?? now) : null,
    subject: trade.subject,
    body: trade.body,
    passback_params: trade.passbackParams,
  };
  return dropEmpty(fields);
}

export function dropEmpty(fields: Record<string, string | null | undefined>): Params {
  const out: Params = {};
  for (const [key, value] of Object.entries(fields)) if (value !== null && value !== undefined && value !== "") out[key] = value;
  return out;
}

/** Adds `sign` (with Alipay's key unless another is given, e.g. a forger's). */
export function signNotify(fields: Params, privateKey = alipayKeys().alipayPrivateKey): Params {
  return { ...fields, sign: rsa2Sign(signContent(fields, NOTIFY_EXCLUDE), privateKey) };
}

export function encodeForm(params: Params): string {
  return new URLSearchParams(params).toString();
}

/** Queues the notify for delivery to the trade's notify_url, applying the trade's one-shot fault. */
export function enqueueTradeNotify(trade: AlipayTrade, status: NotifyTradeStatus): OutboundNotify | null {
  if (!trade.notifyUrl) return null;
  const { fault, delayMs } = takeNotifyFault(trade.outTradeNo);
  return enqueueNotify({
    platform: "alipay",
    tradeKey: trade.outTradeNo,
    url: trade.notifyUrl,
    contentType: NOTIFY_CONTENT_TYPE,
    body: encodeForm(signNotify(tradeNotifyFields(trade, status))),
    delayMs,
    fault,
  });
}

/** 34 digits, like Alipay's current notify ids. Retries resend the same body, so the same id. */
function newNotifyId(now: number): string {
  return `${beijingDate(now)}0122${crypto.randomInt(10 ** 10, 10 ** 11)}${crypto.randomInt(10 ** 10, 10 ** 11)}`;
}
