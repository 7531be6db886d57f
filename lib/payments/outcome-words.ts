// What applying a payment fact did, in the words the order's timeline and the notify journal show.
import type { ApplyOutcome } from "./order-state";

export const APPLY_OUTCOME_WORDS: Record<ApplyOutcome, string> = {
  applied: "已更新订单",
  already_applied: "此前已处理",
  anomaly: "与订单不符，未采用",
  no_change: "订单无变化",
  unknown_order: "订单不存在",
};

/** For a notify, a fact already applied is the platform sending it again. */
export const NOTIFY_OUTCOME_WORDS: Record<ApplyOutcome, string> = { ...APPLY_OUTCOME_WORDS, already_applied: "此前已处理（重复通知）" };
