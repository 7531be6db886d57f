// Alipay's refund answers and refund notifies → our RefundFact. Pure.
// alipay.trade.refund is synchronous: code 10000 with fund_change "Y" means this call moved the
// money. "N" means it moved nothing now (a repeat of a refund already made, or nothing at all):
// only alipay.trade.fastpay.refund.query can tell, and its REFUND_SUCCESS is the confirmation.
// https://opendocs.alipay.com/open/028sm9 · https://opendocs.alipay.com/open/028sma
import { z } from "zod";
import type { RefundFact, RefundRequest } from "../types";
import { beijingTime, describeIssues, yuanAsFen } from "./schemas";
import { parseBeijingTime } from "./time";
import { TradeShapeError } from "./transform";

const text = z.string().min(1);

export const refundResponse = z.object({
  code: z.literal("10000"),
  out_trade_no: text,
  trade_no: text,
  fund_change: z.enum(["Y", "N"]),
  /** The trade's cumulative refunded amount, this refund included. */
  refund_fee: yuanAsFen,
  gmt_refund_pay: beijingTime.optional(),
});

export const refundQueryResponse = z.object({
  code: z.literal("10000"),
  out_trade_no: text.optional(),
  out_request_no: text.optional(),
  trade_no: text.optional(),
  refund_status: text.optional(),
  refund_amount: yuanAsFen.optional(),
  gmt_refund_pay: beijingTime.optional(),
});

/** gmt_refund: "yyyy-MM-dd HH:mm:ss" with optional fractional seconds (Alipay writes ".320"). */
const refundTime = z.string().transform((value, ctx) => {
  const m = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})(?:\.(\d{1,3}))?$/.exec(value);
  const at = m ? parseBeijingTime(m[1]) : null;
  if (!m || !at) {
    ctx.addIssue({ code: "custom", message: `not a "yyyy-MM-dd HH:mm:ss[.S]" time: ${JSON.stringify(value.slice(0, 30))}` });
    return z.NEVER;
  }
  return new Date(at.getTime() + Number((m[2] ?? "").padEnd(3, "0")));
});

/** The refund fields of a verified trade_status_sync notify. */
export const refundNotify = z.object({
  notify_id: text,
  app_id: text,
  seller_id: text.optional(),
  out_trade_no: text,
  trade_no: text,
  trade_status: z.enum(["TRADE_SUCCESS", "TRADE_CLOSED", "TRADE_FINISHED"]),
  refund_fee: yuanAsFen,
  gmt_refund: refundTime.optional(),
  out_biz_no: text.optional(),
});

/** What a refund notify tells: a refund under refundNo succeeded; its own amount needs a query. */
export interface RefundNotice {
  notifyId: string;
  refundNo: string;
  orderNo: string;
  platformTradeNo: string;
  /** The trade's cumulative refunded amount (refund_fee), not this refund's. */
  refundedTotalFen: number;
  refundedAt?: Date;
  appId: string;
  sellerId?: string;
}

/** Alipay reports refunds on the trade's own notify: these fields are what mark one. */
export function isRefundNotify(fields: Record<string, string>): boolean {
  return Boolean(fields.refund_fee || fields.gmt_refund || fields.out_biz_no);
}

export function refundNoticeOf(fields: unknown): RefundNotice {
  const parsed = refundNotify.safeParse(fields);
  if (!parsed.success) throw new TradeShapeError(`退款通知字段不正确：${describeIssues(parsed.error)}`);
  const n = parsed.data;
  return {
    notifyId: n.notify_id,
    // A refund made without out_request_no takes the out_trade_no as its number.
    refundNo: n.out_biz_no ?? n.out_trade_no,
    orderNo: n.out_trade_no,
    platformTradeNo: n.trade_no,
    refundedTotalFen: n.refund_fee,
    refundedAt: n.gmt_refund,
    appId: n.app_id,
    sellerId: n.seller_id,
  };
}

/** A code-10000 refund answer → a succeeded fact, or null when fund_change N leaves it to a query. */
export function refundAnswerToFact(answer: unknown, request: RefundRequest, appId: string): RefundFact | null {
  const parsed = refundResponse.safeParse(answer);
  if (!parsed.success) throw new TradeShapeError(`退款应答格式不正确：${describeIssues(parsed.error)}`);
  const r = parsed.data;
  if (r.out_trade_no !== request.orderNo) throw new TradeShapeError(`退款 ${request.orderNo} 得到了另一笔交易 ${r.out_trade_no.slice(0, 64)} 的应答`);
  if (r.fund_change === "N") return null;
  if (r.refund_fee < request.refundFen) throw new TradeShapeError(`累计退款 ${r.refund_fee} 分少于本次退款 ${request.refundFen} 分`);
  return {
    kind: "refund",
    refundNo: request.refundNo,
    orderNo: request.orderNo,
    status: "succeeded",
    platformRefundId: r.trade_no,
    refundFen: request.refundFen,
    succeededAt: r.gmt_refund_pay,
    appId,
    source: "query",
  };
}

/** A code-10000 refund query answer: REFUND_SUCCESS, or nothing (no such refund, yet). */
export function refundQueryToFact(answer: unknown, input: { refundNo: string; orderNo: string }, appId: string): RefundFact {
  const parsed = refundQueryResponse.safeParse(answer);
  if (!parsed.success) throw new TradeShapeError(`退款查询应答格式不正确：${describeIssues(parsed.error)}`);
  const r = parsed.data;
  if (r.refund_status === undefined) return { kind: "refund_not_found", refundNo: input.refundNo, orderNo: input.orderNo, source: "query" };
  if ((r.out_request_no ?? input.refundNo) !== input.refundNo || (r.out_trade_no ?? input.orderNo) !== input.orderNo) {
    throw new TradeShapeError(`查询退款 ${input.refundNo} 得到了另一笔退款的应答`);
  }
  if (r.refund_status !== "REFUND_SUCCESS") throw new TradeShapeError(`未知的 refund_status：${r.refund_status.slice(0, 30)}`);
  if (r.refund_amount === undefined) throw new TradeShapeError("REFUND_SUCCESS 缺少 refund_amount");
  return {
    kind: "refund",
    refundNo: input.refundNo,
    orderNo: input.orderNo,
    status: "succeeded",
    platformRefundId: r.trade_no,
    refundFen: r.refund_amount,
    succeededAt: r.gmt_refund_pay,
    appId,
    source: "query",
  };
}
