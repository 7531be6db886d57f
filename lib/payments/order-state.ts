// The order state machine: the only place a payment order changes state.
//
//   pending --paid fact--> paid
//   pending --closed fact / closed at the platform--> closed
//   pending --create failed--> failed
//   closed | failed --paid fact--> paid, flagged latePayment (the money did arrive)
//
// Each transition is one conditional UPDATE (… WHERE status IN (…)) inside a transaction, so
// duplicate and concurrent facts (a notify racing a query, on any instance) apply exactly once:
// at READ COMMITTED the second UPDATE waits for the first's row lock, then finds the status
// changed and touches nothing. A fact that does not match the order (amount, app id, merchant) is
// recorded as an anomaly and never applied. Changes are announced after commit.
import { transaction, type DbOrTx } from "@/db/client";
import { addOrderEvent, anotherOrderPaid, flagAnomaly, getOrderByNo, transitionOrder, type OrderRow } from "@/db/queries/orders";
import { releaseHoldsOf } from "@/db/queries/stock";
import { markSubmissionPaid } from "@/db/queries/submissions";
import { enqueueNotice } from "@/lib/notifications/enqueue";
import { announceOrderChange } from "./order-events";
import type { PaymentFact } from "./types";

export type ApplyOutcome = "applied" | "already_applied" | "anomaly" | "no_change" | "unknown_order";
type Applied = { outcome: ApplyOutcome };

const SOURCE_LABEL: Record<PaymentFact["source"], string> = {
  notify: "通知",
  query: "查询",
  return: "同步返回",
  close: "关单",
};

/** Why a fact cannot be applied to this order, or null when it matches. */
export function factMismatch(order: OrderRow, fact: PaymentFact): string | null {
  if (fact.orderNo !== order.orderNo) return `订单号 ${fact.orderNo} 与订单 ${order.orderNo} 不符`;
  if (fact.kind === "not_found") return null;
  if (fact.appId !== undefined && fact.appId !== order.appId) return `应用 ID ${fact.appId} 与订单的 ${order.appId} 不符`;
  if (fact.merchantId !== undefined && fact.merchantId !== order.merchantId) {
    return `商户号 ${fact.merchantId} 与订单的 ${order.merchantId} 不符`;
  }
  if (fact.kind === "paid" && fact.amountFen !== order.amountFen) {
    return `金额 ${fact.amountFen} 分与订单的 ${order.amountFen} 分不符`;
  }
  return null;
}

/** Applies a verified fact to its order in one transaction. Never call a platform inside it. */
export async function applyFact(fact: PaymentFact): Promise<Applied> {
  return transaction(async (tx) => {
    const order = await getOrderByNo(tx, fact.orderNo);
    if (!order) return { outcome: "unknown_order" as const };
    return applyFactTo(tx, order, fact);
  });
}

/**
 * The same, inside the caller's transaction, for an order it has just read in it (a notify
 * checks the order's account first): one read of the row instead of two. `order` may be stale by
 * the time the UPDATE runs; that is fine, because the UPDATE's own condition decides.
 */
export async function applyFactTo(tx: DbOrTx, order: OrderRow, fact: PaymentFact): Promise<Applied> {
  // Safe at READ COMMITTED: the conditional UPDATE waits for a racing one's row lock, then finds the status moved.
  const via = SOURCE_LABEL[fact.source];

  const mismatch = factMismatch(order, fact);
  if (mismatch) {
    await flagAnomaly(tx, order.id);
    await addOrderEvent(tx, order.id, "anomaly", `${via}与订单不符，未采用：${mismatch}`, { fact });
    await enqueueNotice(tx, order.formId, { event: "anomaly", orderNo: order.orderNo, key: "mismatch", text: `${via}与订单不符，未采用：${mismatch}` });
    return { outcome: "anomaly" as const };
  }

  switch (fact.kind) {
    case "paid": {
      const late = order.status === "closed" || order.status === "failed";
      const changed = await transitionOrder(tx, order.id, ["pending", "closed", "failed"], {
        status: "paid",
        paidAt: fact.paidAt.getTime(),
        platformTradeNo: fact.platformTradeNo,
        latePayment: late,
        nextQueryAt: null,
      });
      if (!changed) return { outcome: "already_applied" as const };
      await markSubmissionPaid(tx, order.submissionId);
      await addOrderEvent(tx, order.id, "state_change", `${late ? "已关闭" : "待支付"} → 已支付（${via}确认支付成功）`, {
        platformTradeNo: fact.platformTradeNo,
        amountFen: fact.amountFen,
        paidAt: fact.paidAt.toISOString(),
      });
      if (late) {
        await flagAnomaly(tx, order.id);
        await addOrderEvent(tx, order.id, "anomaly", "订单关闭后收到付款（迟到支付），请核实并视情况退款");
        await enqueueNotice(tx, order.formId, { event: "anomaly", orderNo: order.orderNo, key: "late", text: "订单关闭后收到付款（迟到支付），请核实并视情况退款" });
      }
      // Two orders of one submission both paid (an old payment link paid late): money twice.
      if (await anotherOrderPaid(tx, order.submissionId, order.id)) {
        await flagAnomaly(tx, order.id);
        await addOrderEvent(tx, order.id, "anomaly", "同一提交已有另一笔已支付订单（重复支付），请退款其中一笔");
        await enqueueNotice(tx, order.formId, { event: "anomaly", orderNo: order.orderNo, key: "duplicate", text: "同一提交已有另一笔已支付订单（重复支付），请退款其中一笔" });
      }
      await announceOrderChange(tx, { orderNo: order.orderNo, status: "paid" });
      // Queued with the change itself: told exactly once, and only if it commits.
      await enqueueNotice(tx, order.formId, { event: "payment", orderNo: order.orderNo });
      return { outcome: "applied" as const };
    }
    case "closed":
      return { outcome: (await closeOrder(tx, order, `${via}：平台已关闭交易`)) ? "applied" : "no_change" };
    case "unpaid":
    case "not_found":
      return { outcome: "no_change" as const };
  }
}

/** pending → closed inside tx; frees the submission's stock at once. */
async function closeOrder(tx: DbOrTx, order: OrderRow, why: string): Promise<boolean> {
  const changed = await transitionOrder(tx, order.id, ["pending"], { status: "closed", closedAt: Date.now(), nextQueryAt: null });
  if (!changed) return false;
  await releaseHoldsOf(tx, order.submissionId, Date.now());
  await addOrderEvent(tx, order.id, "state_change", `待支付 → 已关闭（${why}）`);
  await announceOrderChange(tx, { orderNo: order.orderNo, status: "closed" });
  return true;
}

/** pending → failed, when the platform refused or did not answer the create. */
export async function markCreateFailed(order: OrderRow, reason: string): Promise<boolean> {
  // Safe: a conditional update from pending; a payment that won the race keeps the order paid.
  return transaction(async (tx) => {
    const changed = await transitionOrder(tx, order.id, ["pending"], { status: "failed", failureReason: reason, nextQueryAt: null });
    if (!changed) return false;
    await releaseHoldsOf(tx, order.submissionId, Date.now());
    await addOrderEvent(tx, order.id, "create_failed", `下单失败：${reason}`);
    await announceOrderChange(tx, { orderNo: order.orderNo, status: "failed" });
    return true;
  });
}
