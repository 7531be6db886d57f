// A verified refund notify (WeChat REFUND.*, Alipay's trade notify with refund fields): checked
// against the order and its account, applied by the refund state machine, acknowledged only after
// that committed. News of a refund we never asked for (made in the merchant portal) is recorded on
// the order for an admin and acknowledged: the platform has nothing more to tell.
import { getDb, transaction } from "@/db/client";
import { addOrderEvent, flagAnomaly, getOrderByNo } from "@/db/queries/orders";
import { formatFen } from "@/lib/money";
import { NotifyRejectedError, type PaymentProvider, type ProviderId, type RefundFact } from "../types";
import { applyRefundFact } from "./refund-state";

type Journal = (verified: boolean, outcome: string, orderNo: string | null) => Promise<void>;

const STATUS_WORDS = { processing: "退款处理中", succeeded: "退款成功", closed: "退款关闭", abnormal: "退款异常" } as const;
const OUTCOME_WORDS: Record<string, string> = {
  applied: "已更新退款",
  already_applied: "此前已处理（重复通知）",
  anomaly: "与退款记录不符，未采用",
  no_change: "退款无变化",
};

export async function handleRefundNotify(input: {
  provider: PaymentProvider;
  providerId: ProviderId;
  accountRef: string;
  refund: RefundFact;
  notifyId?: string;
  journal: Journal;
}): Promise<Response> {
  const { provider, providerId, accountRef, refund: fact, journal } = input;
  const db = getDb();
  const order = await getOrderByNo(db, fact.orderNo);
  if (!order) {
    await journal(true, "rejected ORDER_NOT_FOUND", fact.orderNo);
    return provider.reject(new NotifyRejectedError("ORDER_NOT_FOUND", "订单不存在", 404));
  }
  if (order.provider !== providerId || order.accountRef !== accountRef) {
    await journal(true, "rejected ACCOUNT_MISMATCH", fact.orderNo);
    await addOrderEvent(db, order.id, "anomaly", "收到来自其他收款账户的退款通知，未采用");
    return provider.reject(new NotifyRejectedError("ACCOUNT_MISMATCH", "通知与订单的收款账户不符", 400));
  }

  const { outcome } = await applyRefundFact(fact);
  if (outcome === "unknown_refund" || outcome === "unknown_order") {
    const amount = fact.kind === "refund" ? `${STATUS_WORDS[fact.status]} ${formatFen(fact.refundFen)}` : "平台无此退款";
    // Only appends (an anomaly flag and an event): nothing to race.
    await transaction(async (tx) => {
      await flagAnomaly(tx, order.id);
      await addOrderEvent(tx, order.id, "anomaly", `收到本系统未发起的退款通知（退款单号 ${fact.refundNo}，${amount}），可能在商户平台直接退款，请核实`, { fact });
    });
    await journal(true, "unknown_refund", fact.orderNo);
    return provider.acknowledge();
  }
  await journal(true, `refund ${outcome}`, fact.orderNo);
  const words = fact.kind === "refund" ? STATUS_WORDS[fact.status] : "平台无此退款";
  await addOrderEvent(db, order.id, "notify", `收到退款通知（已验签）：${words}，${OUTCOME_WORDS[outcome] ?? outcome}`, {
    notifyId: input.notifyId,
    refundNo: fact.refundNo,
    outcome,
  });
  if (outcome === "anomaly") return provider.reject(new NotifyRejectedError("MISMATCH", "退款通知与退款记录不符", 400));
  return provider.acknowledge();
}
