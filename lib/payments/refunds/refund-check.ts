// The refund job's round: refunds still in flight whose next check is due are asked about at
// their platform. A refund the platform has never heard of (the create was lost, or the process
// died before sending it) is sent again under the same number; a lost notify is found here.
import { getDb } from "@/db/client";
import { addOrderEvent } from "@/db/queries/orders";
import { claimRefundCheck, getOrderById, refundsDue, type RefundRow } from "@/db/queries/refunds";
import { providerFor } from "../providers";
import { applyRefundFact } from "./refund-state";
import { nextCheckAt } from "./refund-schedule";
import { submitRefund } from "./submit-refund";

export const REFUND_CHECK_ROUND_MS = 5_000;
const ROUND_LIMIT = 50;

const FACT_WORDS: Record<string, string> = { processing: "处理中", succeeded: "退款成功", closed: "退款关闭", abnormal: "退款异常" };

/** One round; returns how many refunds were looked at. */
export async function refundCheckRound(now = Date.now()): Promise<number> {
  const db = getDb();
  let checked = 0;
  for (const refund of await refundsDue(db, now, ROUND_LIMIT)) {
    // The claim moves nextCheckAt first: two runners never ask about one refund in one round.
    if (!(await claimRefundCheck(db, refund.id, refund.nextCheckAt!, nextCheckAt(refund.checkCount + 1, now)))) continue;
    checked++;
    await checkRefund({ ...refund, checkCount: refund.checkCount + 1 }, now);
  }
  return checked;
}

async function checkRefund(refund: RefundRow, now: number): Promise<void> {
  const db = getDb();
  const order = await getOrderById(db, refund.orderId);
  if (!order) return;
  try {
    const provider = await providerFor(order.provider, order.accountRef);
    const fact = await provider.queryRefund({ refundNo: refund.refundNo, orderNo: order.orderNo });
    if (fact.kind === "refund_not_found") {
      await addOrderEvent(db, order.id, "query", `查询退款：平台无退款单 ${refund.refundNo}，用同一退款单号重新提交`);
      await submitRefund(order, refund, now);
      return;
    }
    const { outcome } = await applyRefundFact(fact);
    await addOrderEvent(db, order.id, "query", `查询退款 ${refund.refundNo}：${FACT_WORDS[fact.status]}（${outcome}）`, { fact, outcome });
  } catch (error) {
    await addOrderEvent(db, order.id, "query", `查询退款 ${refund.refundNo} 失败：${error instanceof Error ? error.message : String(error)}`);
  }
}
