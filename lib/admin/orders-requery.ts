// "重新查询": an admin asks the platform about one order now. The answer goes through the same
// queryAndApply as every other query, so the state machine alone decides what changes.
import { getDb } from "@/db/client";
import { addOrderEvent, getOrderByNo } from "@/db/queries/orders";
import { AppError } from "@/lib/errors";
import { queryAndApply } from "@/lib/payments/refresh-order";
import { PaymentPlatformError } from "@/lib/payments/types";

export const ORDER_NO = /^[0-9A-Za-z_-]{6,64}$/;

export async function requeryOrder(orderNo: string, adminName: string) {
  const db = getDb();
  const order = ORDER_NO.test(orderNo) ? await getOrderByNo(db, orderNo) : undefined;
  if (!order) throw new AppError("not_found", "订单不存在");
  await addOrderEvent(db, order.id, "query", `管理员 ${adminName} 手动重新查询平台`);
  let factKind: string;
  try {
    factKind = (await queryAndApply(order)).kind;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await addOrderEvent(db, order.id, "query", `查询平台失败：${message}`);
    if (error instanceof AppError) throw error;
    const rejected = error instanceof PaymentPlatformError && error.kind === "rejected";
    throw new AppError(rejected ? "payment_platform_error" : "payment_platform_unavailable", `查询平台失败：${message}`);
  }
  const fresh = (await getOrderByNo(db, orderNo))!;
  return {
    orderNo,
    status: fresh.status,
    factKind,
    paidAt: fresh.paidAt === null ? null : new Date(fresh.paidAt).toISOString(),
    platformTradeNo: fresh.platformTradeNo,
    latePayment: fresh.latePayment,
    hasAnomaly: fresh.hasAnomaly,
  };
}
