// POST /v3/refund/domestic/refunds and GET /v3/refund/domestic/refunds/{out_refund_no}, answering
// the refund object. https://pay.weixin.qq.com/doc/v3/merchant/4012556457
import { createRefund, queryRefund } from "./refund-lifecycle";
import { toRefundObject } from "./refund-object";
import { parseRefundRequest } from "./refund-request";

interface RefundCall {
  segments: string[];
  payload: unknown;
  mchId: string;
}

export function refundCreate(call: RefundCall): { status: number; body: unknown } {
  return { status: 200, body: toRefundObject(createRefund(call.mchId, parseRefundRequest(call.payload))) };
}

export function refundQuery(call: RefundCall): { status: number; body: unknown } {
  return { status: 200, body: toRefundObject(queryRefund(call.mchId, call.segments[0])) };
}
