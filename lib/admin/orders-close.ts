// "关闭订单": an admin closes a pending order by hand. The platform is asked to close it first
// (closeAtPlatform); if it was paid meanwhile, the paid fact wins and the admin is told so.
import "server-only";
import { getDb } from "@/db/client";
import { addOrderEvent, getOrderByNo } from "@/db/queries/orders";
import { AppError } from "@/lib/errors";
import { closeAtPlatform } from "@/lib/payments/refresh-order";
import { PaymentPlatformError } from "@/lib/payments/types";
import { ORDER_NO } from "./orders-requery";

export async function closeOrderByAdmin(orderNo: string, adminName: string): Promise<{ orderNo: string; status: string; message: string }> {
  const db = getDb();
  const order = ORDER_NO.test(orderNo) ? await getOrderByNo(db, orderNo) : undefined;
  if (!order) throw new AppError("not_found", "订单不存在");
  if (order.status !== "pending") throw new AppError("conflict", "只有待支付的订单可以关闭");
  try {
    await closeAtPlatform(order, `管理员 ${adminName} 手动关闭订单`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await addOrderEvent(db, order.id, "close", `关闭订单失败：${message}`);
    if (error instanceof AppError) throw error;
    const rejected = error instanceof PaymentPlatformError && error.kind === "rejected";
    throw new AppError(rejected ? "payment_platform_error" : "payment_platform_unavailable", `平台关单失败：${message}`);
  }
  const fresh = (await getOrderByNo(db, orderNo))!;
  const message = fresh.status === "closed" ? "订单已关闭" : fresh.status === "paid" ? "平台显示该订单已支付，未关闭" : "订单状态已更新";
  return { orderNo, status: fresh.status, message };
}
