// The refund state machine: the only place a refund, and an order's refunded amount, change.
//
//   pending (committed before the platform call) → processing → succeeded | closed | abnormal
//   abnormal → succeeded (WeChat: the merchant re-sent an abnormal refund from its portal)
//
// Each transition is one conditional UPDATE on the refund row inside a transaction, so a notify
// racing the create's answer or a query applies once: at READ COMMITTED the second UPDATE waits
// for the first's row lock, then finds the status changed. A success moves the amount from in
// flight to refunded on the order in the same transaction; closed and abnormal give it back.
import { transaction, type DbOrTx } from "@/db/client";
import { enqueueNotice } from "@/lib/notifications/enqueue";
import { addOrderEvent, flagAnomaly, getOrderByNo, ordersOfSubmission, type OrderRow } from "@/db/queries/orders";
import {
  getOrderById,
  getRefundByNo,
  markSubmissionRefunded,
  releaseReservation,
  settleRefundOnOrder,
  transitionRefund,
  type RefundRow,
} from "@/db/queries/refunds";
import { releaseHoldsOf } from "@/db/queries/stock";
import type { RefundStatus } from "@/db/schema";
import { formatFen } from "@/lib/money";
import { announceOrderChange } from "../order-events";
import type { ProviderId, RefundFact } from "../types";

export type RefundOutcome = "applied" | "already_applied" | "anomaly" | "no_change" | "unknown_refund" | "unknown_order";

export const REFUND_STATUS_LABEL: Record<RefundStatus, string> = {
  pending: "退款处理中",
  processing: "退款处理中",
  succeeded: "退款成功",
  closed: "退款关闭",
  abnormal: "退款异常",
};

/** What an admin should do about a refund that did not go through. */
export function refundAdvice(provider: ProviderId, status: RefundStatus): string | null {
  if (status === "abnormal") {
    return provider === "wechat"
      ? "付款人的银行卡或零钱账户无法入账（如已注销、冻结）：可在微信支付商户平台发起异常退款（退至其他账户），或联系付款人"
      : "平台未能把钱退回付款人账户：请在支付宝商家平台核实，或联系付款人";
  }
  if (status === "closed") return "退款未成功，钱没有退出；可核实原因后重新发起退款";
  return null;
}

const UNSETTLED: RefundStatus[] = ["pending", "processing"];

function mismatchOf(refund: RefundRow, order: OrderRow, fact: RefundFact): string | null {
  if (fact.orderNo !== order.orderNo || refund.orderId !== order.id) return `退款 ${fact.refundNo} 不属于订单 ${fact.orderNo}`;
  if (fact.kind === "refund_not_found") return null;
  if (fact.appId !== undefined && fact.appId !== order.appId) return `应用 ID ${fact.appId} 与订单的 ${order.appId} 不符`;
  if (fact.merchantId !== undefined && order.merchantId && fact.merchantId !== order.merchantId) {
    return `商户号 ${fact.merchantId} 与订单的 ${order.merchantId} 不符`;
  }
  if (fact.refundFen !== refund.amountFen) return `退款金额 ${fact.refundFen} 分与申请的 ${refund.amountFen} 分不符`;
  return null;
}

const VIA: Record<RefundFact["source"], string> = { notify: "通知", query: "查询", return: "同步返回", close: "关单" };

/** Applies what a platform said about one of our refunds, in one transaction. */
export async function applyRefundFact(fact: RefundFact): Promise<{ outcome: RefundOutcome; refund?: RefundRow }> {
  // Safe at READ COMMITTED: the refund's conditional status update decides who applies a fact;
  // a racing duplicate (notify vs the job's query) finds the status moved and changes nothing.
  return transaction(async (tx) => {
    const order = await getOrderByNo(tx, fact.orderNo);
    if (!order) return { outcome: "unknown_order" as const };
    const refund = await getRefundByNo(tx, fact.refundNo);
    if (!refund) return { outcome: "unknown_refund" as const };
    const mismatch = mismatchOf(refund, order, fact);
    if (mismatch) {
      await flagAnomaly(tx, order.id);
      await addOrderEvent(tx, order.id, "anomaly", `退款${VIA[fact.source]}与退款记录不符，未采用：${mismatch}`, { fact });
      return { outcome: "anomaly" as const, refund };
    }
    if (fact.kind === "refund_not_found") return { outcome: "no_change" as const, refund };
    const via = VIA[fact.source];
    switch (fact.status) {
      case "processing": {
        const changed = await transitionRefund(tx, refund.id, ["pending"], {
          status: "processing",
          platformRefundId: fact.platformRefundId ?? refund.platformRefundId,
        });
        return { outcome: changed ? ("applied" as const) : ("no_change" as const), refund };
      }
      case "succeeded":
        return { outcome: await succeed(tx, order, refund, fact, via), refund };
      case "closed":
      case "abnormal": {
        const why = fact.status === "abnormal" ? refundAdvice(order.provider, "abnormal")! : "平台已关闭该退款";
        return { outcome: (await endUnsuccessfully(tx, order, refund, fact.status, why, via)) ? "applied" : "already_applied", refund };
      }
    }
  });
}

async function succeed(tx: DbOrTx, order: OrderRow, refund: RefundRow, fact: RefundFact & { kind: "refund" }, via: string): Promise<RefundOutcome> {
  const set = {
    status: "succeeded" as const,
    succeededAt: (fact.succeededAt ?? new Date()).getTime(),
    platformRefundId: fact.platformRefundId ?? refund.platformRefundId,
    failureReason: null,
    nextCheckAt: null,
  };
  // Two conditional updates, so that whether the amount was still reserved is known for sure.
  let reserved = true;
  if (!(await transitionRefund(tx, refund.id, UNSETTLED, set))) {
    if (!(await transitionRefund(tx, refund.id, ["abnormal"], set))) return "already_applied";
    reserved = false;
  }
  const status = await settleRefundOnOrder(tx, order.id, refund.amountFen, reserved);
  // Admins are told by a job queued with this change (lib/notifications): once, and only if it commits.
  await enqueueNotice(tx, order.formId, { event: "refund", orderNo: order.orderNo, key: refund.refundNo, text: `退款成功 ${formatFen(refund.amountFen)}（退款单号 ${refund.refundNo}）` });
  await addOrderEvent(tx, order.id, "refund", `退款成功 ${formatFen(refund.amountFen)}（${via}确认，退款单号 ${refund.refundNo}）`, {
    refundNo: refund.refundNo,
    platformRefundId: set.platformRefundId,
    amountFen: refund.amountFen,
  });
  if (!status) {
    await flagAnomaly(tx, order.id);
    await addOrderEvent(tx, order.id, "anomaly", `退款 ${refund.refundNo} 在平台成功，但已超出订单可退金额，请核实`);
    return "anomaly";
  }
  if (status !== order.status) {
    const words = { paid: "已支付", partially_refunded: "部分退款", refunded: "已退款" } as Record<string, string>;
    await addOrderEvent(tx, order.id, "state_change", `${words[order.status] ?? order.status} → ${words[status]}（退款成功）`);
  }
  if (status === "refunded") {
    // A submission paid twice (a duplicate payment) is still paid while another order holds its money.
    const stillPaid = (await ordersOfSubmission(tx, order.submissionId)).some(
      (o) => o.id !== order.id && (o.status === "paid" || o.status === "partially_refunded"),
    );
    if (!stillPaid) {
      await markSubmissionRefunded(tx, order.submissionId);
      await releaseHoldsOf(tx, order.submissionId, Date.now());
    }
  }
  await announceOrderChange(tx, { orderNo: order.orderNo, status });
  return "applied";
}

async function endUnsuccessfully(
  tx: DbOrTx,
  order: OrderRow,
  refund: RefundRow,
  status: "closed" | "abnormal",
  why: string,
  via: string,
): Promise<boolean> {
  if (!(await transitionRefund(tx, refund.id, UNSETTLED, { status, failureReason: why, nextCheckAt: null }))) return false;
  await releaseReservation(tx, order.id, refund.amountFen);
  await addOrderEvent(tx, order.id, "refund", `${REFUND_STATUS_LABEL[status]} ${formatFen(refund.amountFen)}（${via}，退款单号 ${refund.refundNo}）：${why}`, {
    refundNo: refund.refundNo,
  });
  if (status === "abnormal") await flagAnomaly(tx, order.id);
  return true;
}

/** The platform refused the create outright (over-refund, order not paid there…): nothing moved. */
export async function closeRefusedRefund(refundNo: string, why: string): Promise<boolean> {
  // Safe: a conditional update from pending/processing; the reservation is released only if it moved.
  return transaction(async (tx) => {
    const refund = await getRefundByNo(tx, refundNo);
    if (!refund) return false;
    const order = await orderOf(tx, refund.orderId);
    return endUnsuccessfully(tx, order, refund, "closed", `平台拒绝退款：${why}`, "申请");
  });
}

/** The create got no clear answer (timeout, 5xx): the refund stays in flight for the job. */
export async function markRefundInFlight(refund: RefundRow, nextCheckAt: number, note: string): Promise<void> {
  // Safe: a conditional update that only moves a still-unsettled refund.
  await transaction(async (tx) => {
    if (!(await transitionRefund(tx, refund.id, UNSETTLED, { status: "processing", nextCheckAt }))) return;
    await addOrderEvent(tx, refund.orderId, "refund", note, { refundNo: refund.refundNo });
  });
}

async function orderOf(tx: DbOrTx, orderId: number): Promise<OrderRow> {
  const order = await getOrderById(tx, orderId);
  if (!order) throw new Error(`refund of a missing order ${orderId}`);
  return order;
}
