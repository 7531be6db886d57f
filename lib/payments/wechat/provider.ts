// PaymentProvider for WeChat Pay (Native QR, JSAPI inside WeChat, H5 in phone browsers): translates
// between our order vocabulary and the v3 API, never touching the database.
import { isFen } from "@/lib/money";
import {
  NotifyRejectedError,
  PaymentPlatformError,
  type CloseOutcome,
  type PaymentFact,
  type PaymentProvider,
  type WechatAccount,
} from "../types";
import type { WechatApi } from "./api";
import { downloadWechatBill } from "./bill";
import { parseWechatNotify } from "./notify";
import { createWechatRefund, queryWechatRefund } from "./refund";
import { unavailable } from "./platform-error";
import { startPayment } from "./start-payment";
import { toBeijingRfc3339 } from "./time";
import { notFoundFact, toPaymentFact, TransactionShapeError } from "./transform";

/** out_trade_no: 6-32 of [0-9A-Za-z_-|*]; also keeps the SDK's unencoded URL paths safe. */
const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*]{6,32}$/;
const DESCRIPTION_MAX_CHARS = 127;
/** "Already paid" appears under both spellings in the wild. */
const ALREADY_PAID_CODES = new Set(["ORDERPAID", "ORDER_PAID"]);

export function createProvider(account: WechatAccount, api: WechatApi): PaymentProvider {
  return {
    id: "wechat",
    appId: account.appId,
    merchantId: account.mchId,

    async createPayment(request) {
      if (request.channel !== "native" && request.channel !== "jsapi" && request.channel !== "h5") {
        throw rejected("UNSUPPORTED_CHANNEL", `微信支付不支持 ${request.channel} 支付方式（可用 native、jsapi、h5）`);
      }
      assertOutTradeNo(request.orderNo);
      if (!isFen(request.amountFen) || request.amountFen < 1) {
        throw rejected("INVALID_AMOUNT", `金额必须是至少 1 分的整数：${request.amountFen}`);
      }
      let timeExpire: string;
      try {
        timeExpire = toBeijingRfc3339(request.expiresAt);
      } catch {
        throw rejected("INVALID_EXPIRY", "订单过期时间无效");
      }
      const body = {
        appid: account.appId,
        mchid: account.mchId,
        description: trimDescription(request.description),
        out_trade_no: request.orderNo,
        time_expire: timeExpire,
        notify_url: account.notifyUrl,
        amount: { total: request.amountFen, currency: "CNY" as const },
      };
      return startPayment(api, body, request);
    },

    async queryPayment(orderNo) {
      assertOutTradeNo(orderNo);
      let data: unknown;
      try {
        data = await api.queryByOutTradeNo(orderNo);
      } catch (error) {
        if (hasCode(error, "ORDER_NOT_EXIST")) return notFoundFact(orderNo, "query");
        throw error;
      }
      let fact: PaymentFact;
      try {
        fact = toPaymentFact(data, "query");
      } catch (error) {
        if (error instanceof TransactionShapeError) throw unavailable("MALFORMED_RESPONSE", error.message);
        throw error;
      }
      if (fact.orderNo !== orderNo) {
        throw unavailable("MISMATCHED_RESPONSE", `查询 ${orderNo} 却得到了 ${fact.orderNo} 的交易`);
      }
      return fact;
    },

    refund: (request) => createWechatRefund(account, api, request),
    queryRefund: (input) => queryWechatRefund(api, input),
    downloadBill: (date) => downloadWechatBill(api, date),

    async closePayment(orderNo): Promise<CloseOutcome> {
      assertOutTradeNo(orderNo);
      try {
        await api.closeByOutTradeNo(orderNo);
        return "closed";
      } catch (error) {
        if (error instanceof PaymentPlatformError && ALREADY_PAID_CODES.has(error.platformCode)) return "already_paid";
        if (hasCode(error, "ORDER_NOT_EXIST")) return "not_found";
        // Closing is re-entrant at WeChat; an "already closed" answer means the same.
        if (hasCode(error, "ORDER_CLOSED")) return "closed";
        throw error;
      }
    },

    parseNotify(input) {
      return parseWechatNotify(input, { verifier: api.verifier, apiV3Key: account.apiV3Key });
    },

    // WeChat v3 takes 200 or 204 as "received"; no body needed.
    acknowledge() {
      return new Response(null, { status: 204 });
    },

    reject(error) {
      if (error instanceof NotifyRejectedError) {
        return Response.json({ code: "FAIL", message: error.message }, { status: error.status });
      }
      return Response.json({ code: "FAIL", message: "暂时无法处理，请稍后重试" }, { status: 500 });
    },
  };
}

function rejected(code: string, message: string): PaymentPlatformError {
  return new PaymentPlatformError("rejected", code, message);
}

function hasCode(error: unknown, code: string): boolean {
  return error instanceof PaymentPlatformError && error.kind === "rejected" && error.platformCode === code;
}

function assertOutTradeNo(orderNo: string): void {
  if (!OUT_TRADE_NO.test(orderNo)) {
    throw rejected("INVALID_OUT_TRADE_NO", `订单号不符合微信支付要求（6-32 位字母、数字或 _-|*）：${orderNo.slice(0, 40)}`);
  }
}

/** By code points, so a trimmed description never ends in half a character. */
function trimDescription(description: string): string {
  return Array.from(description.trim()).slice(0, DESCRIPTION_MAX_CHARS).join("");
}
