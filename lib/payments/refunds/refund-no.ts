import { newOrderNo } from "../order-no";

/**
 * "R" and 24 digits (Beijing date-time, then 10 random digits, as order numbers): within WeChat's
 * out_refund_no (1-64 of [0-9A-Za-z_-|*@]) and Alipay's out_request_no (≤ 64). The unique index on
 * refund_no is the last guard against a collision.
 */
export function newRefundNo(now = new Date()): string {
  return `R${newOrderNo(now)}`;
}

export const REFUND_NO = /^R\d{24}$/;
