// An admin asks for a refund: the amount is reserved on the order and the refund row committed in
// one transaction, and only then is the platform called (never inside the transaction).
import { z } from "zod";
import { getDb, transaction } from "@/db/client";
import { addOrderEvent, getOrderByNo, type OrderRow } from "@/db/queries/orders";
import { getRefundByNo, insertRefund, reserveRefund, type RefundRow } from "@/db/queries/refunds";
import { AppError } from "@/lib/errors";
import { formatFen } from "@/lib/money";
import { newRefundNo } from "./refund-no";
import { PENDING_GRACE_MS } from "./refund-schedule";
import { submitRefund } from "./submit-refund";

/** WeChat shows at most 80 characters of the reason to the payer; Alipay 256. */
export const REASON_MAX_CHARS = 80;

export const refundRequestBody = z
  .object({
    amountFen: z
      .number({ error: "退款金额（分）必须是数字" })
      .int("退款金额必须是整数分")
      .positive("退款金额必须大于 0")
      .max(100_000_000_00, "退款金额过大"),
    reason: z
      .string({ error: "请填写退款原因" })
      .trim()
      .min(1, "请填写退款原因")
      .refine((v) => Array.from(v).length <= REASON_MAX_CHARS, `退款原因最多 ${REASON_MAX_CHARS} 个字`),
  })
  .strict();
export type RefundRequestBody = z.infer<typeof refundRequestBody>;

export interface Requester {
  id: number;
  username: string;
}

/** Why this order cannot take this refund, for the 409. */
function refusal(order: OrderRow, amountFen: number): AppError {
  if (order.status === "refunded") return new AppError("conflict", "该订单已全额退款，没有可退金额");
  if (order.status !== "paid" && order.status !== "partially_refunded") return new AppError("conflict", "订单未支付，不能退款");
  const remainderFen = Math.max(0, order.amountFen - order.refundedFen - order.refundingFen);
  const inFlight = order.refundingFen > 0 ? `（另有 ${formatFen(order.refundingFen)} 退款处理中）` : "";
  return new AppError(
    "conflict",
    remainderFen === 0
      ? `该订单暂无可退金额${inFlight}`
      : `退款金额 ${formatFen(amountFen)} 超过可退金额：最多还可退 ${formatFen(remainderFen)}${inFlight}`,
    [{ field: "amountFen", issue: `refundableFen=${remainderFen}` }],
  );
}

export async function requestRefund(orderNo: string, body: RefundRequestBody, by: Requester): Promise<RefundRow> {
  const now = Date.now();
  // Safe at READ COMMITTED across processes: reserveRefund is a conditional update on the order row,
  // so of racing requests for the same remainder exactly one finds room; the others change nothing.
  const { order, refund } = await transaction(async (tx) => {
    const order = await getOrderByNo(tx, orderNo);
    if (!order) throw new AppError("not_found", "订单不存在");
    if (!(await reserveRefund(tx, order.id, body.amountFen))) {
      throw refusal((await getOrderByNo(tx, orderNo)) ?? order, body.amountFen);
    }
    const refund = await insertRefund(tx, {
      refundNo: newRefundNo(new Date(now)),
      orderId: order.id,
      amountFen: body.amountFen,
      reason: body.reason,
      status: "pending",
      requestedByAdminId: by.id,
      requestedByName: by.username,
      // If this process dies before the platform hears of it, the job sends it (same number).
      nextCheckAt: now + PENDING_GRACE_MS,
      createdAt: now,
      updatedAt: now,
    });
    await addOrderEvent(tx, order.id, "refund", `管理员 ${by.username} 申请退款 ${formatFen(body.amountFen)}（退款单号 ${refund.refundNo}）：${body.reason}`, {
      refundNo: refund.refundNo,
      amountFen: body.amountFen,
    });
    return { order, refund };
  });
  await submitRefund(order, refund, now);
  return (await getRefundByNo(getDb(), refund.refundNo))!;
}
