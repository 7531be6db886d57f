// A pending order is not left to the notify alone: the platform is asked about it by the sweep
// (lib/payments/sweep.ts), by a payer coming back from the cashier, and by an admin's re-query;
// expired orders are closed at the platform before they are marked closed here.
import { getDb } from "@/db/client";
import { addOrderEvent, claimQuerySlot, getOrderByNo, type OrderRow } from "@/db/queries/orders";
import { applyFact } from "./order-state";
import { APPLY_OUTCOME_WORDS } from "./outcome-words";
import { providerFor } from "./providers";
import type { PaymentFact } from "./types";

export const QUERY_INTERVAL_MS = 3_000;

/** Brings a pending order up to date with its platform when its query slot is free. */
export async function refreshOrder(orderNo: string, options: { force?: boolean } = {}): Promise<OrderRow | undefined> {
  const db = getDb();
  const order = await getOrderByNo(db, orderNo);
  if (!order || order.status !== "pending") return order;
  const now = Date.now();
  if (!(await claimQuerySlot(db, order.id, now, options.force ? 0 : QUERY_INTERVAL_MS))) return order;
  await checkAtPlatform(order, now);
  return getOrderByNo(db, orderNo);
}

/** Queries (or, once expired, closes) a pending order at its platform; failures are recorded, not thrown. */
export async function checkAtPlatform(order: OrderRow, now = Date.now()): Promise<void> {
  try {
    if (now >= order.expiresAt) await closeExpired(order);
    else await queryAndApply(order);
  } catch (error) {
    await addOrderEvent(getDb(), order.id, "query", `查询平台失败：${error instanceof Error ? error.message : String(error)}`);
  }
}

const FACT_WORDS: Record<PaymentFact["kind"], string> = { paid: "已支付", unpaid: "未支付", closed: "已关闭", not_found: "平台无此交易" };

/** Asks the platform what it knows and applies it; returns the fact. */
export async function queryAndApply(order: OrderRow): Promise<PaymentFact> {
  const fact = await (await providerFor(order.provider, order.accountRef)).queryPayment(order.orderNo);
  const { outcome } = await applyFact(fact);
  await addOrderEvent(getDb(), order.id, "query", `查询平台：${FACT_WORDS[fact.kind]}（${APPLY_OUTCOME_WORDS[outcome]}）`, { fact, outcome });
  return fact;
}

const CLOSE_WORDS = { closed: "已关闭", already_paid: "平台显示已支付", not_found: "平台无此交易" } as const;

/**
 * Closes an order at its platform, then here. If the platform says it was paid meanwhile, the
 * paid fact (from a query) is applied instead: the payer's money is never ignored.
 */
export async function closeAtPlatform(order: OrderRow, reason: string): Promise<void> {
  const provider = await providerFor(order.provider, order.accountRef);
  const outcome = await provider.closePayment(order.orderNo);
  await addOrderEvent(getDb(), order.id, "close", `${reason}：平台关单结果 ${CLOSE_WORDS[outcome]}`);
  if (outcome === "already_paid") {
    await queryAndApply(order);
    return;
  }
  await applyFact({ kind: "closed", orderNo: order.orderNo, source: "close" });
}

async function closeExpired(order: OrderRow): Promise<void> {
  // A last look first: a payment at the last second is applied rather than closed over.
  const fact = await queryAndApply(order);
  if (fact.kind === "paid" || fact.kind === "closed") return;
  await closeAtPlatform(order, "订单已过期");
}
