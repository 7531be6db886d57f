// Server-to-server methods: alipay.trade.query and alipay.trade.close here; refunds and bills in
// refund-api.ts and bill-api.ts.
import { parseBizContent } from "./biz-content";
import { handleBillUrlQuery } from "./bill-api";
import { alipayKeys } from "./credentials";
import { takeQueryError } from "./faults";
import { closeTrade, findTrade } from "./lifecycle";
import { fenToYuan } from "../money";
import { errorInner, responseKey, signedResponse, type Inner } from "./response";
import { handleRefund, handleRefundQuery } from "./refund-api";
import type { Params } from "./sign";
import { beijingTime } from "./time";

/** What a method may need of the HTTP request besides its parameters. */
export interface ApiContext {
  /** The gateway URL as the caller reached it (the bill download link is served beside it). */
  requestUrl: string;
}

export type ApiHandler = (params: Params, certMode: boolean, context: ApiContext) => Response;

function tradeRef(params: Params): { outTradeNo?: string; tradeNo?: string } | null {
  const biz = parseBizContent(params.biz_content);
  const pick = (name: string) => (typeof biz?.[name] === "string" && biz[name] !== "" ? (biz[name] as string) : undefined);
  const ref = { outTradeNo: pick("out_trade_no"), tradeNo: pick("trade_no") };
  return ref.outTradeNo || ref.tradeNo ? ref : null;
}

const MISSING_REF = errorInner("40004", "ACQ.INVALID_PARAMETER", "参数无效：out_trade_no 和 trade_no 不能同时为空");

export const handleQuery: ApiHandler = (params, certMode) => {
  const key = responseKey("alipay.trade.query");
  const answer = (inner: Inner) => signedResponse(key, inner, { certMode });
  const ref = tradeRef(params);
  if (!ref) return answer(MISSING_REF);
  const trade = findTrade(alipayKeys().appId, ref);

  const injected = takeQueryError(trade?.outTradeNo ?? ref.outTradeNo ?? "");
  if (injected === "ACQ.SYSTEM_ERROR") return answer(errorInner("40004", "ACQ.SYSTEM_ERROR", "系统错误"));
  if (injected === "20000") return answer(errorInner("20000", "isp.unknow-error", "系统繁忙"));

  if (!trade) {
    // Alipay's not-found answer still carries zero amounts and echoes the reference.
    return answer(
      errorInner("40004", "ACQ.TRADE_NOT_EXIST", "交易不存在", {
        buyer_pay_amount: "0.00",
        invoice_amount: "0.00",
        ...(ref.outTradeNo ? { out_trade_no: ref.outTradeNo } : {}),
        point_amount: "0.00",
        receipt_amount: "0.00",
        ...(ref.tradeNo ? { trade_no: ref.tradeNo } : {}),
      }),
    );
  }
  const paid = trade.status === "TRADE_SUCCESS";
  const amount = fenToYuan(trade.totalFen);
  const inner: Inner = {
    code: "10000",
    msg: "Success",
    buyer_logon_id: trade.buyerLogonId,
    buyer_pay_amount: paid ? amount : "0.00",
    buyer_user_id: trade.buyerId,
    invoice_amount: paid ? amount : "0.00",
    out_trade_no: trade.outTradeNo,
    point_amount: "0.00",
    receipt_amount: paid ? amount : "0.00",
  };
  if (paid && trade.paidAt !== null) inner.send_pay_date = beijingTime(trade.paidAt);
  Object.assign(inner, { total_amount: amount, trade_no: trade.tradeNo, trade_status: trade.status });
  return answer(inner);
};

export const handleClose: ApiHandler = (params, certMode) => {
  const key = responseKey("alipay.trade.close");
  const answer = (inner: Inner) => signedResponse(key, inner, { certMode });
  const ref = tradeRef(params);
  if (!ref) return answer(MISSING_REF);
  const trade = findTrade(alipayKeys().appId, ref);
  // Before the payer opened the cashier there is nothing to close.
  if (!trade) return answer(errorInner("40004", "ACQ.TRADE_NOT_EXIST", "交易不存在"));
  const result = closeTrade(trade);
  if (result.outcome === "closed") {
    return answer({ code: "10000", msg: "Success", out_trade_no: trade.outTradeNo, trade_no: trade.tradeNo });
  }
  // Only a trade waiting for the buyer can be closed: paid and already-closed trades both land here.
  return answer(errorInner("40004", "ACQ.TRADE_STATUS_ERROR", "交易状态不合法"));
};

// A Map, so a "method" like "toString" cannot reach Object.prototype.
export const API_METHODS = new Map<string, ApiHandler>([
  ["alipay.trade.query", handleQuery],
  ["alipay.trade.close", handleClose],
  ["alipay.trade.refund", handleRefund],
  ["alipay.trade.fastpay.refund.query", handleRefundQuery],
  ["alipay.data.dataservice.bill.downloadurl.query", handleBillUrlQuery],
]);
