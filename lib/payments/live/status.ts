// The payer's status read and the payer's "我已支付". The read never writes and never calls a
// platform (active queries come from the sweep, lib/payments/sweep.ts); the button asks the
// platform at most once per QUERY_INTERVAL_MS per order, whoever presses it how often.
import { getDb } from "@/db/client";
import { getOrderStatus } from "@/db/queries/order-status";
import { AppError } from "@/lib/errors";
import { hasOrderNoShape } from "../order-no-shape";
import { orderStatusView, type OrderStatusView } from "../order-view";
import { refreshOrder } from "../refresh-order";

/** The order's status as the pay page shows it; throws not_found. */
export async function readOrderStatus(orderNo: string): Promise<OrderStatusView> {
  const row = hasOrderNoShape(orderNo) ? await getOrderStatus(getDb(), orderNo) : undefined;
  if (!row) throw new AppError("not_found", "订单不存在");
  return orderStatusView(row);
}

/** The payer says they paid: one platform query if the order's query slot is free, then its status. */
export async function checkPaidNow(orderNo: string): Promise<OrderStatusView> {
  const order = hasOrderNoShape(orderNo) ? await refreshOrder(orderNo) : undefined;
  if (!order) throw new AppError("not_found", "订单不存在");
  return orderStatusView(order);
}
