// The pending-order sweep, a recurring job. Each round takes the orders whose next query is due,
// the longest-waiting first (so none starves however many are pending), within a budget of
// platform calls per receiving account, and queries them (closing expired ones). Each order's
// next query is set by a conditional update before the call, so two sweeps never query one order
// in the same round. Young orders are asked often and old ones rarely: a payment whose notify was
// lost is likeliest in an order's first minutes.
import { getDb } from "@/db/client";
import { claimDueQuery, pendingOrdersDue, type OrderRow } from "@/db/queries/orders";
import { settings } from "@/lib/env";
import { checkAtPlatform } from "./refresh-order";

export const SWEEP_ROUND_MS = 5_000;
const PARALLEL_CALLS = 8;
// Seconds after each query until the next: 15 s, 30 s, 1 min, 2 min, then every 5 min.
const NEXT_QUERY_AFTER_MS = [15_000, 30_000, 60_000, 120_000, 300_000];

export function nextQueryAt(order: Pick<OrderRow, "queryCount" | "expiresAt">, now: number): number {
  const after = NEXT_QUERY_AFTER_MS[Math.min(order.queryCount, NEXT_QUERY_AFTER_MS.length - 1)];
  // Never past expiry: an expired order is closed at the platform by the round after it expires.
  return now < order.expiresAt ? Math.min(now + after, order.expiresAt) : now + after;
}

/** One round; returns how many orders were asked about. */
export async function sweepRound(now = Date.now(), budgetPerAccount = settings().SWEEP_QUERIES_PER_SECOND * (SWEEP_ROUND_MS / 1000)): Promise<number> {
  const db = getDb();
  const due = await pendingOrdersDue(db, now, budgetPerAccount * 8);
  const perAccount = new Map<string, number>();
  const chosen: OrderRow[] = [];
  for (const order of due) {
    const account = `${order.provider}:${order.accountRef}`;
    const used = perAccount.get(account) ?? 0;
    if (used >= budgetPerAccount) continue;
    perAccount.set(account, used + 1);
    chosen.push(order);
  }
  let asked = 0;
  const queue = [...chosen];
  await Promise.all(
    Array.from({ length: Math.min(PARALLEL_CALLS, queue.length) }, async () => {
      for (let order = queue.shift(); order; order = queue.shift()) {
        if (!(await claimDueQuery(db, order.id, order.nextQueryAt!, nextQueryAt(order, now), now))) continue;
        asked++;
        await checkAtPlatform(order, now);
      }
    }),
  );
  return asked;
}
