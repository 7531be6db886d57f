// Alipay's trade states (from a query answer or a verified notify) → our PaymentFact. Pure.
import type { FactSource, PaymentFact } from "../types";
import { describeIssues, tradeNotify, tradeQueryResponse, type TradeStatus } from "./schemas";

export class TradeShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TradeShapeError";
  }
}

interface TradeState {
  orderNo: string;
  status: TradeStatus;
  tradeNo?: string;
  amountFen?: number;
  paidAt?: Date;
  appId?: string;
  merchantId?: string;
}

/**
 * A code-10000 alipay.trade.query answer → fact. The answer carries no app_id: `appId` is the
 * account's, which is right because the answer is signed by Alipay for a query made with that app.
 */
export function queryResponseToFact(response: unknown, appId: string): PaymentFact {
  const parsed = tradeQueryResponse.safeParse(response);
  if (!parsed.success) throw new TradeShapeError(`查询应答格式不正确：${describeIssues(parsed.error)}`);
  const r = parsed.data;
  return stateToFact(
    {
      orderNo: r.out_trade_no,
      status: r.trade_status,
      tradeNo: r.trade_no,
      amountFen: r.total_amount,
      paidAt: r.send_pay_date,
      appId,
      merchantId: r.seller_id,
    },
    "query",
  );
}

/** The fields of a notify whose signature was verified → its id and fact. */
export function notifyToFact(fields: unknown): { notifyId: string; appId: string; sellerId?: string; fact: PaymentFact } {
  const parsed = tradeNotify.safeParse(fields);
  if (!parsed.success) throw new TradeShapeError(`通知字段不正确：${describeIssues(parsed.error)}`);
  const n = parsed.data;
  const fact = stateToFact(
    {
      orderNo: n.out_trade_no,
      status: n.trade_status,
      tradeNo: n.trade_no,
      amountFen: n.total_amount,
      paidAt: n.gmt_payment,
      appId: n.app_id,
      merchantId: n.seller_id,
    },
    "notify",
  );
  return { notifyId: n.notify_id, appId: n.app_id, sellerId: n.seller_id, fact };
}

/** ACQ.TRADE_NOT_EXIST: Alipay has no such trade (the payer never opened the cashier). */
export function notFoundFact(orderNo: string, source: FactSource): PaymentFact {
  return { kind: "not_found", orderNo, source };
}

function stateToFact(state: TradeState, source: FactSource): PaymentFact {
  const about = { orderNo: state.orderNo, appId: state.appId, merchantId: state.merchantId, source };
  switch (state.status) {
    // TRADE_FINISHED: paid and past the refund window. Both mean the money arrived.
    case "TRADE_SUCCESS":
    case "TRADE_FINISHED": {
      const missing = (["tradeNo", "amountFen", "paidAt", "appId"] as const).filter((field) => state[field] === undefined);
      if (missing.length) throw new TradeShapeError(`${state.status} 缺少 ${missing.map(wireName).join("、")}`);
      return {
        kind: "paid",
        orderNo: state.orderNo,
        platformTradeNo: state.tradeNo!,
        amountFen: state.amountFen!,
        paidAt: state.paidAt!,
        appId: state.appId!,
        merchantId: state.merchantId,
        source,
      };
    }
    case "WAIT_BUYER_PAY":
      return { kind: "unpaid", ...about };
    // Closed unpaid, or fully refunded: either way not (or no longer) paid.
    case "TRADE_CLOSED":
      return { kind: "closed", ...about };
    default: {
      const unreachable: never = state.status;
      throw new TradeShapeError(`未知的 trade_status：${String(unreachable)}`);
    }
  }
}

function wireName(field: "tradeNo" | "amountFen" | "paidAt" | "appId"): string {
  return { tradeNo: "trade_no", amountFen: "total_amount", paidAt: "gmt_payment/send_pay_date", appId: "app_id" }[field];
}
