// The refund object as create and query answer it, and the smaller resource a refund notify
// carries (encrypted). Money to the payer's change (零钱), so channel ORIGINAL and no coupons.
import { rfc3339Beijing } from "./time";
import type { RefundStatus, WechatRefund } from "./refunds";

export const USER_RECEIVED_ACCOUNT = "支付用户零钱";

export interface RefundObject {
  refund_id: string;
  out_refund_no: string;
  transaction_id: string;
  out_trade_no: string;
  channel: "ORIGINAL";
  user_received_account: string;
  success_time?: string;
  create_time: string;
  status: RefundStatus;
  funds_account: "AVAILABLE";
  amount: {
    total: number;
    refund: number;
    from: never[];
    payer_total: number;
    payer_refund: number;
    settlement_refund: number;
    settlement_total: number;
    discount_refund: number;
    currency: "CNY";
    refund_fee: number;
  };
  promotion_detail: never[];
}

export function toRefundObject(refund: WechatRefund): RefundObject {
  const object: RefundObject = {
    refund_id: refund.refundId,
    out_refund_no: refund.outRefundNo,
    transaction_id: refund.transactionId,
    out_trade_no: refund.outTradeNo,
    channel: "ORIGINAL",
    user_received_account: USER_RECEIVED_ACCOUNT,
    create_time: rfc3339Beijing(refund.createdAt),
    status: refund.status,
    funds_account: "AVAILABLE",
    amount: {
      total: refund.totalFen,
      refund: refund.refundFen,
      from: [],
      payer_total: refund.totalFen,
      payer_refund: refund.refundFen,
      settlement_refund: refund.refundFen,
      settlement_total: refund.totalFen,
      discount_refund: 0,
      currency: "CNY",
      refund_fee: 0,
    },
    promotion_detail: [],
  };
  if (refund.successAt !== null) object.success_time = rfc3339Beijing(refund.successAt);
  return object;
}

/** The decrypted resource of REFUND.SUCCESS / ABNORMAL / CLOSED. */
export interface RefundNotifyResource {
  mchid: string;
  transaction_id: string;
  out_trade_no: string;
  refund_id: string;
  out_refund_no: string;
  refund_status: Exclude<RefundStatus, "PROCESSING">;
  success_time?: string;
  user_received_account: string;
  amount: { total: number; refund: number; payer_total: number; payer_refund: number };
}

export function toRefundNotifyResource(refund: WechatRefund & { status: Exclude<RefundStatus, "PROCESSING"> }): RefundNotifyResource {
  const resource: RefundNotifyResource = {
    mchid: refund.mchId,
    transaction_id: refund.transactionId,
    out_trade_no: refund.outTradeNo,
    refund_id: refund.refundId,
    out_refund_no: refund.outRefundNo,
    refund_status: refund.status,
    user_received_account: USER_RECEIVED_ACCOUNT,
    amount: { total: refund.totalFen, refund: refund.refundFen, payer_total: refund.totalFen, payer_refund: refund.refundFen },
  };
  if (refund.successAt !== null) resource.success_time = rfc3339Beijing(refund.successAt);
  return resource;
}
