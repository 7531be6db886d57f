// WeChat's refund object (create and query answers) and a refund notify's decrypted resource →
// our RefundFact. Pure. https://pay.weixin.qq.com/doc/v3/merchant/4012556457
import { z } from "zod";
import type { FactSource, RefundFact, RefundStatus } from "../types";
import { describeIssues } from "./schemas";
import { parseRfc3339 } from "./time";

const STATUS: Record<"SUCCESS" | "PROCESSING" | "CLOSED" | "ABNORMAL", RefundStatus> = {
  SUCCESS: "succeeded",
  PROCESSING: "processing",
  CLOSED: "closed",
  ABNORMAL: "abnormal",
};
const wechatRefundStatus = z.enum(["SUCCESS", "PROCESSING", "CLOSED", "ABNORMAL"]);
const fen = z.number().int().nonnegative();

/** The refund object: create and query answer the same shape. */
export const wechatRefund = z.object({
  refund_id: z.string().min(1),
  out_refund_no: z.string().min(1),
  transaction_id: z.string().min(1).optional(),
  out_trade_no: z.string().min(1),
  status: wechatRefundStatus,
  success_time: z.string().optional(),
  // Direct merchants refund in CNY; another currency would make the amounts not fen.
  amount: z.object({ total: fen, refund: fen, currency: z.literal("CNY").optional() }),
});

/** The decrypted resource of REFUND.SUCCESS / ABNORMAL / CLOSED. */
export const wechatRefundResource = z.object({
  mchid: z.string().min(1),
  transaction_id: z.string().min(1).optional(),
  out_trade_no: z.string().min(1),
  refund_id: z.string().min(1),
  out_refund_no: z.string().min(1),
  refund_status: wechatRefundStatus,
  success_time: z.string().optional(),
  amount: z.object({ total: fen, refund: fen }),
});

export class RefundShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RefundShapeError";
  }
}

function succeededAt(status: RefundStatus, successTime: string | undefined): Date | undefined {
  if (successTime === undefined) {
    if (status === "succeeded") throw new RefundShapeError("退款成功却缺少 success_time");
    return undefined;
  }
  try {
    return parseRfc3339(successTime);
  } catch {
    throw new RefundShapeError(`success_time 不是 RFC 3339 时间：${successTime.slice(0, 40)}`);
  }
}

/** A create or query answer → RefundFact; throws RefundShapeError. */
export function toRefundFact(raw: unknown, source: FactSource, merchant: { appId?: string; merchantId?: string } = {}): RefundFact {
  const parsed = wechatRefund.safeParse(raw);
  if (!parsed.success) throw new RefundShapeError(`退款数据格式不正确：${describeIssues(parsed.error)}`);
  const r = parsed.data;
  const status = STATUS[r.status];
  return {
    kind: "refund",
    refundNo: r.out_refund_no,
    orderNo: r.out_trade_no,
    status,
    platformRefundId: r.refund_id,
    refundFen: r.amount.refund,
    succeededAt: succeededAt(status, r.success_time),
    ...merchant,
    source,
  };
}

/** A decrypted refund notify resource → RefundFact (merchantId is the notify's own mchid). */
export function refundResourceToFact(raw: unknown): RefundFact {
  const parsed = wechatRefundResource.safeParse(raw);
  if (!parsed.success) throw new RefundShapeError(`退款通知数据格式不正确：${describeIssues(parsed.error)}`);
  const r = parsed.data;
  const status = STATUS[r.refund_status];
  return {
    kind: "refund",
    refundNo: r.out_refund_no,
    orderNo: r.out_trade_no,
    status,
    platformRefundId: r.refund_id,
    refundFen: r.amount.refund,
    succeededAt: succeededAt(status, r.success_time),
    merchantId: r.mchid,
    source: "notify",
  };
}

/** The platform answered 404 RESOURCE_NOT_EXISTS to a query: no refund under this number. */
export function refundNotFoundFact(refundNo: string, orderNo: string, source: FactSource): RefundFact {
  return { kind: "refund_not_found", refundNo, orderNo, source };
}
