// The refund verbs: create with our refund number as out_refund_no (a retry with the same number is
// the same refund at WeChat), and query by it. Errors keep the api's classification: "rejected"
// for WeChat's business answers (over-refund, unpaid order, other parameters under a known number),
// "unavailable" for timeouts, 5xx and unverifiable answers, whose outcome is unknown.
import { isFen } from "@/lib/money";
import { PaymentPlatformError, type RefundFact, type RefundRequest, type WechatAccount } from "../types";
import type { WechatApi } from "./api";
import { unavailable } from "./platform-error";
import { refundNotFoundFact, RefundShapeError, toRefundFact } from "./refund-transform";

/** out_refund_no: up to 64 of [0-9A-Za-z_-|*@]. */
const OUT_REFUND_NO = /^[0-9A-Za-z_\-|*@]{1,64}$/;
const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*]{6,32}$/;
const REASON_MAX_CHARS = 80;

const rejected = (code: string, message: string) => new PaymentPlatformError("rejected", code, message);

function assertNumbers(refundNo: string, orderNo: string): void {
  if (!OUT_REFUND_NO.test(refundNo)) {
    throw rejected("INVALID_OUT_REFUND_NO", `退款单号不符合微信支付要求（1-64 位字母、数字或 _-|*@）：${refundNo.slice(0, 70)}`);
  }
  if (!OUT_TRADE_NO.test(orderNo)) throw rejected("INVALID_OUT_TRADE_NO", `订单号不符合微信支付要求：${orderNo.slice(0, 40)}`);
}

/** The answer must be about the refund we asked for, and be a refund object at all. */
function factFrom(data: unknown, input: { refundNo: string; orderNo: string }, source: "query"): RefundFact {
  let fact: RefundFact;
  try {
    fact = toRefundFact(data, source);
  } catch (error) {
    if (error instanceof RefundShapeError) throw unavailable("MALFORMED_RESPONSE", error.message);
    throw error;
  }
  if (fact.refundNo !== input.refundNo || fact.orderNo !== input.orderNo) {
    throw unavailable("MISMATCHED_RESPONSE", `退款 ${input.refundNo}（订单 ${input.orderNo}）却得到了 ${fact.refundNo}（订单 ${fact.orderNo}）的应答`);
  }
  return fact;
}

export async function createWechatRefund(account: WechatAccount, api: WechatApi, request: RefundRequest): Promise<RefundFact> {
  assertNumbers(request.refundNo, request.orderNo);
  if (!isFen(request.refundFen) || request.refundFen < 1) throw rejected("INVALID_AMOUNT", `退款金额必须是至少 1 分的整数：${request.refundFen}`);
  if (!isFen(request.totalFen) || request.totalFen < request.refundFen) {
    throw rejected("INVALID_AMOUNT", `订单金额 ${request.totalFen} 分不足以退款 ${request.refundFen} 分`);
  }
  const reason = Array.from(request.reason.trim()).slice(0, REASON_MAX_CHARS).join("");
  const data = await api.createRefund({
    out_trade_no: request.orderNo,
    out_refund_no: request.refundNo,
    ...(reason ? { reason } : {}),
    notify_url: account.notifyUrl,
    amount: { refund: request.refundFen, total: request.totalFen, currency: "CNY" },
  });
  // The create answer is the refund object, as a query would give it.
  return factFrom(data, request, "query");
}

export async function queryWechatRefund(api: WechatApi, input: { refundNo: string; orderNo: string }): Promise<RefundFact> {
  assertNumbers(input.refundNo, input.orderNo);
  let data: unknown;
  try {
    data = await api.queryRefund(input.refundNo);
  } catch (error) {
    if (error instanceof PaymentPlatformError && error.kind === "rejected" && error.platformCode === "RESOURCE_NOT_EXISTS") {
      return refundNotFoundFact(input.refundNo, input.orderNo, "query");
    }
    throw error;
  }
  return factFrom(data, input, "query");
}
