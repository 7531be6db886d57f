// alipay.trade.refund and alipay.trade.fastpay.refund.query.
// https://opendocs.alipay.com/open/028sm9 (refund) · https://opendocs.alipay.com/open/028sma (refund query)
import { parseBizContent } from "./biz-content";
import { alipayKeys } from "./credentials";
import { findTrade } from "./lifecycle";
import { fenToYuan, yuanToFen } from "../money";
import { takeQueryUnconfirmed, takeRefundCreateError } from "./refund-faults";
import { enqueueRefundNotify } from "./refund-notify";
import { decideRefund, findRefund } from "./refunds";
import { errorInner, responseKey, signedResponse, type Inner } from "./response";
import type { Params } from "./sign";
import { beijingTime } from "./time";
import type { ApiHandler } from "./trade-api";

interface RefundBiz {
  ref: { outTradeNo?: string; tradeNo?: string };
  biz: Record<string, unknown>;
  text(name: string): string | undefined;
}

function readBiz(params: Params): RefundBiz | null {
  const biz = parseBizContent(params.biz_content);
  if (!biz) return null;
  const text = (name: string) => (typeof biz[name] === "string" && biz[name] !== "" ? (biz[name] as string) : undefined);
  return { biz, text, ref: { outTradeNo: text("out_trade_no"), tradeNo: text("trade_no") } };
}

const invalid = (subMsg: string) => errorInner("40004", "ACQ.INVALID_PARAMETER", `参数无效：${subMsg}`);

export const handleRefund: ApiHandler = (params, certMode) => {
  const answer = (inner: Inner) => signedResponse(responseKey("alipay.trade.refund"), inner, { certMode });
  const read = readBiz(params);
  if (!read || (!read.ref.outTradeNo && !read.ref.tradeNo)) return answer(invalid("out_trade_no 和 trade_no 不能同时为空"));

  // A JSON number would already be a float; its shortest decimal form is exact for 2 places.
  const rawAmount = typeof read.biz.refund_amount === "number" ? String(read.biz.refund_amount) : read.text("refund_amount");
  if (rawAmount === undefined) return answer(invalid("refund_amount 必填"));
  const refundFen = yuanToFen(rawAmount);
  if (refundFen === null) return answer(invalid("refund_amount 须为最多两位小数的金额（元）"));
  if (refundFen <= 0) return answer(errorInner("40004", "ACQ.REFUND_FEE_ERROR", "交易退款金额有误：退款金额须大于 0"));
  const reason = read.text("refund_reason") ?? null;
  if (reason !== null && [...reason].length > 256) return answer(invalid("refund_reason 最长 256 个字符"));

  const trade = findTrade(alipayKeys().appId, read.ref);
  if (!trade) return answer(errorInner("40004", "ACQ.TRADE_NOT_EXIST", "交易不存在"));
  // Without out_request_no Alipay takes the out_trade_no as the request number (one full refund).
  const outRequestNo = read.text("out_request_no") ?? trade.outTradeNo;
  if (outRequestNo.length > 64) return answer(invalid("out_request_no 最长 64 位"));

  const fault = takeRefundCreateError(trade.outTradeNo);
  if (fault === "ACQ.SYSTEM_ERROR") return answer(errorInner("40004", "ACQ.SYSTEM_ERROR", "系统错误"));
  if (fault === "20000") return answer(errorInner("20000", "isp.unknow-error", "系统繁忙"));

  const now = Date.now();
  const decision = decideRefund(trade, { outRequestNo, refundFen, reason, now });
  if (decision.outcome === "refused") return answer(errorInner("40004", decision.subCode, decision.subMsg));
  if (decision.outcome === "refunded") enqueueRefundNotify(trade, decision.refund, decision.refundedFen);
  // The money moved, but the merchant never hears so: it must retry or query to find out.
  if (fault === "http_502") return new Response("502 Bad Gateway", { status: 502, headers: { "Content-Type": "text/html" } });

  return answer({
    code: "10000",
    msg: "Success",
    buyer_logon_id: trade.buyerLogonId,
    buyer_user_id: trade.buyerId,
    // Y only when this call moved money; a repeat of a done refund says N.
    fund_change: decision.outcome === "refunded" ? "Y" : "N",
    gmt_refund_pay: beijingTime(decision.refund.refundedAt),
    out_trade_no: trade.outTradeNo,
    refund_fee: fenToYuan(decision.refundedFen),
    send_back_fee: fenToYuan(decision.refund.refundFen),
    trade_no: trade.tradeNo,
  });
};

export const handleRefundQuery: ApiHandler = (params, certMode) => {
  const answer = (inner: Inner) => signedResponse(responseKey("alipay.trade.fastpay.refund.query"), inner, { certMode });
  const read = readBiz(params);
  if (!read || (!read.ref.outTradeNo && !read.ref.tradeNo)) return answer(invalid("out_trade_no 和 trade_no 不能同时为空"));
  const outRequestNo = read.text("out_request_no");
  if (!outRequestNo) return answer(invalid("out_request_no 必填（未传退款请求号的退款，请传 out_trade_no）"));
  const trade = findTrade(alipayKeys().appId, read.ref);
  if (!trade) return answer(errorInner("40004", "ACQ.TRADE_NOT_EXIST", "交易不存在"));

  const refund = findRefund(trade.tradeNo, outRequestNo);
  // "Success" with no refund fields is how Alipay says "no such refund (yet)".
  if (!refund || takeQueryUnconfirmed(trade.outTradeNo)) return answer({ code: "10000", msg: "Success" });
  const options = Array.isArray(read.biz.query_options) ? read.biz.query_options : [];
  const inner: Inner = {
    code: "10000",
    msg: "Success",
    ...(options.includes("gmt_refund_pay") ? { gmt_refund_pay: beijingTime(refund.refundedAt) } : {}),
    out_request_no: refund.outRequestNo,
    out_trade_no: trade.outTradeNo,
    refund_amount: fenToYuan(refund.refundFen),
    ...(refund.reason ? { refund_reason: refund.reason } : {}),
    refund_status: "REFUND_SUCCESS",
    total_amount: fenToYuan(trade.totalFen),
    trade_no: trade.tradeNo,
  };
  return answer(inner);
};
