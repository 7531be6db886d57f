// The payer's status read: the few columns the pay page needs, by order number, read-only. It is
// the hottest query of the app (every waiting payer's poll and stream), so it is built once per
// database handle and kept prepared: drizzle does not rebuild its SQL, SQLite reuses its
// statement, and PostgreSQL parses and plans a named statement once per pooled connection.
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { paymentOrders, type OrderStatus } from "../schema";

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

function build(db: DbOrTx) {
  const query = db.select(columns).from(paymentOrders).where(eq(paymentOrders.orderNo, sql.placeholder("orderNo"))).limit(1);
  // On PostgreSQL the builder is node-postgres's, whose prepare(name) makes a named statement.
  return (query.prepare as unknown as (name?: string) => ReturnType<typeof query.prepare>)("order_status_by_no");
}

const prepared = new WeakMap<DbOrTx, ReturnType<typeof build>>();

export async function getOrderStatus(db: DbOrTx, orderNo: string): Promise<OrderStatusRow | undefined> {
  let query = prepared.get(db);
  if (!query) {
    query = build(db);
    prepared.set(db, query);
  }
  const rows = (await query.execute({ orderNo })) as OrderStatusRow[];
  return rows[0];
}
