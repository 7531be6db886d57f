// The order state machine: the only place a payment order changes state.
//
//   pending --paid fact--> paid
//   pending --closed fact / closed at the platform--> closed
//   pending --create failed--> failed
//   closed | failed --paid fact--> paid, flagged latePayment (the money did arrive)
//
// Each transition is one conditional UPDATE inside a synchronous transaction, so duplicate and
// concurrent facts (a notify racing a query) apply exactly once. A fact that does not match the
// order (amount, app id, merchant) is recorded as an anomaly and never applied.
import type { Db } from "@/db/client";
import { addOrderEvent, flagAnomaly, getOrderByNo, transitionOrder, type OrderRow } from "@/db/queries/orders";
import { markSubmissionPaid } from "@/db/queries/submissions";
import { ordersOfSubmission } from "@/db/queries/orders";
import type { PaymentFact } from "./types";

export type ApplyOutcome =
  | "applied"
  | "already_applied"
  | "anomaly"
  | "no_change"
  | "unknown_order";

const SOURCE_LABEL: Record<PaymentFact["source"], string> = {
  notify: "通知",
  query: "查询",
  return: "同步返回",
  close: "关单",
};

/** Why a fact cannot be applied to this order, or null when it matches. */
export function factMismatch(order: OrderRow, fact: PaymentFact): string | null {
  if (fact.orderNo !== order.orderNo) return `order number ${fact.orderNo} is not ${order.orderNo}`;
  if (fact.kind === "not_found") return null;
  if (fact.appId !== undefined && fact.appId !== order.appId) return `app id ${fact.appId} is not the order's ${order.appId}`;
  if (fact.merchantId !== undefined && fact.merchantId !== order.merchantId) {
    return `merchant ${fact.merchantId} is not the order's ${order.merchantId}`;
  }
  if (fact.kind === "paid" && fact.amountFen !== order.amountFen) {
    return `amount ${fact.amountFen} fen is not the order's ${order.amountFen} fen`;
  }
  return null;
}

/**
 * Applies a verified fact to its order in one transaction. Call platforms before or after, never
 * inside: better-sqlite3 transactions are synchronous.
 */
export function applyFact(db: Db, fact: PaymentFact): { outcome: ApplyOutcome; order?: OrderRow } {
  return db.transaction((tx) => {
    const order = getOrderByNo(tx, fact.orderNo);
    if (!order) return { outcome: "unknown_order" as const };
    const via = SOURCE_LABEL[fact.source];

    const mismatch = factMismatch(order, fact);
    if (mismatch) {
      flagAnomaly(tx, order.id);
      addOrderEvent(tx, order.id, "anomaly", `${via}与订单不符，未采用：${mismatch}`, { fact });
      return { outcome: "anomaly" as const, order };
    }

    switch (fact.kind) {
      case "paid": {
        const late = order.status === "closed" || order.status === "failed";
        const changed = transitionOrder(tx, order.id, ["pending", "closed", "failed"], {
          status: "paid",
          paidAt: fact.paidAt.getTime(),
          platformTradeNo: fact.platformTradeNo,
          latePayment: late,
        });
        if (!changed) return { outcome: "already_applied" as const, order };
        markSubmissionPaid(tx, order.submissionId);
        addOrderEvent(tx, order.id, "state_change", `${order.status} → paid（${via}确认支付成功）`, {
          platformTradeNo: fact.platformTradeNo,
          amountFen: fact.amountFen,
          paidAt: fact.paidAt.toISOString(),
        });
        if (late) {
          flagAnomaly(tx, order.id);
          addOrderEvent(tx, order.id, "anomaly", "订单关闭后收到付款（迟到支付），请核实并视情况退款");
        }
        // Two live orders of one submission both paid (a switch raced a payment): money twice.
        const otherPaid = ordersOfSubmission(tx, order.submissionId).some((o) => o.id !== order.id && o.status === "paid");
        if (otherPaid) {
          flagAnomaly(tx, order.id);
          addOrderEvent(tx, order.id, "anomaly", "同一提交已有另一笔已支付订单（重复支付），请退款其中一笔");
        }
        return { outcome: "applied" as const, order: getOrderByNo(tx, order.orderNo) };
      }
      case "closed": {
        const changed = transitionOrder(tx, order.id, ["pending"], { status: "closed", closedAt: Date.now() });
        if (!changed) return { outcome: "no_change" as const, order };
        addOrderEvent(tx, order.id, "state_change", `pending → closed（${via}：平台已关闭交易）`);
        return { outcome: "applied" as const, order: getOrderByNo(tx, order.orderNo) };
      }
      case "unpaid":
      case "not_found":
        return { outcome: "no_change" as const, order };
    }
  });
}

/** pending → failed, when the platform refused or did not answer the create. */
export function markCreateFailed(db: Db, order: OrderRow, reason: string): boolean {
  return db.transaction((tx) => {
    const changed = transitionOrder(tx, order.id, ["pending"], { status: "failed", failureReason: reason });
    if (changed) addOrderEvent(tx, order.id, "create_failed", `下单失败：${reason}`);
    return changed;
  });
}
