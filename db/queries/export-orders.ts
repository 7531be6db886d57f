import { and, desc, eq, inArray, max } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { paymentOrders, refunds } from "../schema";

/** order id → time of its latest succeeded refund. */
export async function lastRefundTimes(db: DbOrTx, orderIds: number[]): Promise<Map<number, number>> {
  if (!orderIds.length) return new Map();
  const rows = await db
    .select({ orderId: refunds.orderId, at: max(refunds.succeededAt) })
    .from(refunds)
    .where(and(inArray(refunds.orderId, orderIds), eq(refunds.status, "succeeded")))
    .groupBy(refunds.orderId);
  return new Map(rows.filter((r) => r.at !== null).map((r) => [r.orderId, Number(r.at)]));
}

export interface SubmissionOrderFacts {
  orderId: number;
  orderNo: string;
  provider: "wechat" | "alipay";
  channel: string;
  status: string;
  amountFen: number;
  refundedFen: number;
  platformTradeNo: string | null;
  paidAt: number | null;
}

/** submission id → its orders, newest first (the payment facts of the submissions export). */
export async function ordersOfSubmissions(db: DbOrTx, submissionIds: number[]): Promise<Map<number, SubmissionOrderFacts[]>> {
  const result = new Map<number, SubmissionOrderFacts[]>();
  if (!submissionIds.length) return result;
  const rows = await db
    .select({
      submissionId: paymentOrders.submissionId,
      orderId: paymentOrders.id,
      orderNo: paymentOrders.orderNo,
      provider: paymentOrders.provider,
      channel: paymentOrders.channel,
      status: paymentOrders.status,
      amountFen: paymentOrders.amountFen,
      refundedFen: paymentOrders.refundedFen,
      platformTradeNo: paymentOrders.platformTradeNo,
      paidAt: paymentOrders.paidAt,
    })
    .from(paymentOrders)
    .where(inArray(paymentOrders.submissionId, submissionIds))
    .orderBy(desc(paymentOrders.id));
  for (const { submissionId, ...facts } of rows) {
    const list = result.get(submissionId) ?? [];
    list.push(facts);
    result.set(submissionId, list);
  }
  return result;
}
