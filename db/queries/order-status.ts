// The payer's status read: the few columns the pay page needs, by order number, read-only. It is
// the hottest query of the app (every waiting payer's poll and stream), so it is kept prepared.
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { paymentOrders, type OrderStatus } from "../schema";
import { preparedPerHandle } from "./prepared";

export interface OrderStatusRow {
  orderNo: string;
  status: OrderStatus;
  provider: string;
  amountFen: number;
  refundedFen: number;
  paidAt: number | null;
  expiresAt: number;
}

const columns = {
  orderNo: paymentOrders.orderNo,
  status: paymentOrders.status,
  provider: paymentOrders.provider,
  amountFen: paymentOrders.amountFen,
  refundedFen: paymentOrders.refundedFen,
  paidAt: paymentOrders.paidAt,
  expiresAt: paymentOrders.expiresAt,
};

const statusByNo = preparedPerHandle("order_status_by_no", (db) =>
  db.select(columns).from(paymentOrders).where(eq(paymentOrders.orderNo, sql.placeholder("orderNo"))).limit(1),
);

export async function getOrderStatus(db: DbOrTx, orderNo: string): Promise<OrderStatusRow | undefined> {
  const rows = (await statusByNo(db).execute({ orderNo })) as OrderStatusRow[];
  return rows[0];
}
