// Notifies built on demand for integration tests: a clean one, or one with a chosen defect, to
// post straight at the merchant's notify route. Only "clean" and "percent_value" are genuine;
// every other one must be refused by a correct merchant.
import crypto, { type KeyObject } from "node:crypto";
import { alipayKeys } from "./credentials";
import { fenToYuan } from "../money";
import { encodeForm, NOTIFY_CONTENT_TYPE, signNotify, tradeNotifyFields, type NotifyTradeStatus } from "./notify";
import type { Params } from "./sign";
import { findAnyByOutTradeNo, newTradeNo, type AlipayTrade } from "./trades";

export type AlipayNotifyCorruption =
  | "none"
  /** Signed with a key that is not Alipay's (real length, so it parses). */
  | "forged_sign"
  /** Correctly signed by Alipay, but for another app. */
  | "wrong_app_id"
  /** Correctly signed, but the money went to another seller. */
  | "wrong_seller_id"
  /** Correctly signed, total_amount one fen more than the trade's. */
  | "amount_mismatch"
  /** Correctly signed, for an out_trade_no the merchant never issued. */
  | "unknown_out_trade_no"
  /** Genuine, with a literal "%" in subject and body (breaks decode-before-verify code). */
  | "percent_value"
  /** Correctly signed, with fields left out (default total_amount and trade_status). */
  | "missing_fields";

export interface AlipayTestNotifyOptions {
  outTradeNo: string;
  corruption?: AlipayNotifyCorruption;
  /** Defaults to TRADE_SUCCESS. */
  tradeStatus?: NotifyTradeStatus;
  /** Required when the emulator holds no trade for outTradeNo; otherwise the trade's amount. */
  totalFen?: number;
  subject?: string;
  /** Fields removed by "missing_fields". */
  omit?: string[];
}

export interface BuiltAlipayNotify {
  params: Params;
  /** The form-encoded body, as Alipay posts it. */
  body: string;
  contentType: string;
}

export function buildAlipayTestNotify(options: AlipayTestNotifyOptions): BuiltAlipayNotify {
  const corruption = options.corruption ?? "none";
  const status = options.tradeStatus ?? "TRADE_SUCCESS";
  const trade = baseTrade(options);
  let fields = tradeNotifyFields(trade, status);
  let key: KeyObject | undefined;

  switch (corruption) {
    case "forged_sign":
      key = forgerKey();
      break;
    case "wrong_app_id":
      fields = { ...fields, app_id: "2021000000009999", auth_app_id: "2021000000009999" };
      break;
    case "wrong_seller_id":
      fields = { ...fields, seller_id: "2088000000009999" };
      break;
    case "amount_mismatch": {
      const more = fenToYuan(trade.totalFen + 1);
      fields = { ...fields, total_amount: more };
      for (const name of ["receipt_amount", "invoice_amount", "buyer_pay_amount"]) if (fields[name]) fields[name] = more;
      break;
    }
    case "unknown_out_trade_no":
      fields = { ...fields, out_trade_no: unknownLike(trade.outTradeNo) };
      break;
    case "percent_value":
      fields = { ...fields, subject: `${trade.subject} 100%满意 %E4%B8`, body: "50% off %zz" };
      break;
    case "missing_fields":
      for (const name of options.omit ?? ["total_amount", "trade_status"]) delete fields[name];
      break;
    case "none":
      break;
  }
  const params = signNotify(fields, key);
  return { params, body: encodeForm(params), contentType: NOTIFY_CONTENT_TYPE };
}

/** A Request for the merchant's notify route handler, e.g. `POST(notifyRequest(url, built))`. */
export function notifyRequest(url: string, notify: BuiltAlipayNotify): Request {
  return new Request(url, { method: "POST", headers: { "Content-Type": notify.contentType }, body: notify.body });
}

/** Builds and posts one notify over HTTP; acknowledged means the body was exactly "success". */
export async function sendAlipayTestNotify(
  url: string,
  options: AlipayTestNotifyOptions,
): Promise<{ status: number; text: string; acknowledged: boolean; notify: BuiltAlipayNotify }> {
  const notify = buildAlipayTestNotify(options);
  const response = await fetch(notifyRequest(url, notify));
  const text = await response.text();
  return { status: response.status, text, acknowledged: text === "success", notify };
}

function baseTrade(options: AlipayTestNotifyOptions): AlipayTrade {
  const stored = findAnyByOutTradeNo(options.outTradeNo);
  const now = Date.now();
  if (stored) {
    return {
      ...stored,
      subject: options.subject ?? stored.subject,
      totalFen: options.totalFen ?? stored.totalFen,
      paidAt: stored.paidAt ?? now,
      closedAt: stored.closedAt ?? now,
    };
  }
  if (options.totalFen === undefined) throw new Error(`no emulated trade for ${options.outTradeNo}: pass totalFen`);
  const keys = alipayKeys();
  return {
    tradeNo: newTradeNo(now),
    appId: keys.appId,
    outTradeNo: options.outTradeNo,
    method: "alipay.trade.page.pay",
    productCode: "FAST_INSTANT_TRADE_PAY",
    subject: options.subject ?? "测试订单",
    body: null,
    passbackParams: null,
    totalFen: options.totalFen,
    status: "TRADE_SUCCESS",
    notifyUrl: null,
    returnUrl: null,
    quitUrl: null,
    referer: null,
    cashierToken: "",
    buyerId: "2088102177846880",
    buyerLogonId: "159****5620",
    createdAt: now - 60_000,
    expiresAt: now + 15 * 60_000,
    paidAt: now,
    closedAt: now,
    latePayment: false,
  };
}

/** Same shape as the real number (digits stay digits), so only the lookup can tell. */
function unknownLike(outTradeNo: string): string {
  const swapped = outTradeNo.replace(/\d/g, () => String(crypto.randomInt(10)));
  return swapped === outTradeNo ? `${outTradeNo}_X` : swapped;
}

let forger: KeyObject | null = null;
function forgerKey(): KeyObject {
  forger ??= crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
  return forger;
}
