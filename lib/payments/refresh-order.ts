// A pending order is not left to the notify alone: the status endpoint (and the sweep) asks the
// platform, at most once per interval per order, and closes expired orders at the platform.
import { getDb } from "@/db/client";
import { addOrderEvent, claimQuerySlot, getOrderByNo, pendingOrdersDue, type OrderRow } from "@/db/queries/orders";
import { applyFact } from "./order-state";
import { providerFor } from "./providers";
import type { PaymentFact } from "./types";

export const QUERY_INTERVAL_MS = 3_000;

/** Brings a pending order up to date with its platform when its query slot is free. */
export async function refreshOrder(orderNo: string, options: { force?: boolean } = {}): Promise<OrderRow | undefined> {
  const db = getDb();
  const order = getOrderByNo(db, orderNo);
  if (!order || order.status !== "pending") return order;
  const now = Date.now();
  if (!claimQuerySlot(db, order.id, now, options.force ? 0 : QUERY_INTERVAL_MS)) return order;
  try {
    if (now >= order.expiresAt) await closeExpired(order);
    else await queryAndApply(order);
  } catch (error) {
    addOrderEvent(db, order.id, "query", `查询平台失败：${error instanceof Error ? error.message : String(error)}`);
  }
  return getOrderByNo(db, orderNo);
}

/** Asks the platform what it knows and applies it; returns the fact. */
export async function queryAndApply(order: OrderRow): Promise<PaymentFact> {
  const fact = await providerFor(order.provider, order.accountRef).queryPayment(order.orderNo);
  const { outcome } = applyFact(getDb(), fact);
  addOrderEvent(getDb(), order.id, "query", `查询平台：${fact.kind}（${outcome}）`, { fact });
  return fact;
}

/**
 * Closes an order at its platform, then here. If the platform says it was paid meanwhile, the
 * paid fact (from a query) is applied instead: the payer's money is never ignored.
 */
export async function closeAtPlatform(order: OrderRow, reason: string): Promise<void> {
  const provider = providerFor(order.provider, order.accountRef);
  const outcome = await provider.closePayment(order.orderNo);
  addOrderEvent(getDb(), order.id, "close", `${reason}：平台关单结果 ${outcome}`);
  if (outcome === "already_paid") {
    await queryAndApply(order);
    return;
  }
  applyFact(getDb(), { kind: "closed", orderNo: order.orderNo, source: "close" });
}

async function closeExpired(order: OrderRow): Promise<void> {
  // A last look first: a payment at the last second is applied rather than closed over.
  const fact = await queryAndApply(order);
  if (fact.kind === "paid" || fact.kind === "closed") return;
  await closeAtPlatform(order, "订单已过期");
}

/** One round of the background sweep: pending orders nobody has looked at for a while. */
export async function sweepPendingOrders(limit = 20): Promise<number> {
  const due = pendingOrdersDue(getDb(), Date.now() - 60_000, limit);
  for (const order of due) await refreshOrder(order.orderNo);
  return due.length;
}
