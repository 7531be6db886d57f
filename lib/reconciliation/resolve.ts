// Resolving a difference: 标记已处理 with a note, or 以平台为准 on a payment the platform has and we
// do not: the platform is queried and its verified fact applied through the order service (so the
// order turns paid, flagged late when it had closed); never a write that skips it.
import { getDb, transaction } from "@/db/client";
import { getOrderByNo } from "@/db/queries/orders";
import { getDayById, getDifference, lockDay, resolveDifferenceRow, setDayStatus, unresolvedCount } from "@/db/queries/reconciliation";
import { recordAudit } from "@/lib/admin/audit";
import type { AdminSession } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { queryAndApply } from "@/lib/payments/refresh-order";
import { PaymentPlatformError } from "@/lib/payments/types";
import { dayView, type DayView } from "./views";

export type ResolveAction = { action: "handled"; note: string } | { action: "platform"; note?: string };

const PAID_STATUSES = new Set(["paid", "refunding", "partially_refunded", "refunded"]);

export async function resolveDifference(differenceId: number, input: ResolveAction, actor: AdminSession["admin"], req?: Request): Promise<DayView> {
  const db = getDb();
  const difference = await getDifference(db, differenceId);
  if (!difference) throw new AppError("not_found", "没有这条对账差异（可能已在重新对账后消失）");
  if (difference.resolvedAt !== null) throw new AppError("conflict", `这条差异已由 ${difference.resolvedByName ?? "管理员"} 处理过`);
  const day = await getDayById(db, difference.dayId);
  if (!day) throw new AppError("not_found", "没有这一天的对账结果");

  let note = input.note?.trim() || null;
  if (input.action === "platform") {
    if (difference.kind !== "missing_local") throw new AppError("unprocessable_entity", "只有“平台有、我方无”的差异可以以平台为准，其他差异请核实后标记已处理");
    const order = await getOrderByNo(db, difference.orderNo);
    if (!order || order.provider !== day.provider || order.accountRef !== day.accountRef) {
      throw new AppError("unprocessable_entity", `我方没有此账户的订单 ${difference.orderNo}，无法以平台为准；请核实后标记已处理`);
    }
    if (!PAID_STATUSES.has(order.status)) {
      try {
        await queryAndApply(order);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const rejected = error instanceof PaymentPlatformError && error.kind === "rejected";
        throw new AppError(rejected ? "payment_platform_error" : "payment_platform_unavailable", `查询平台失败：${message}`);
      }
      const fresh = await getOrderByNo(db, order.orderNo);
      if (!fresh || !PAID_STATUSES.has(fresh.status)) {
        throw new AppError("conflict", fresh?.hasAnomaly ? "平台的答复与订单不符（已记为订单异常），未更新订单，请在订单详情核实" : "平台查询结果不是已支付，未更新订单");
      }
    }
    note ??= "已向平台查询并按平台结果更新订单";
  } else if (!note) {
    throw new AppError("unprocessable_entity", "请填写处理说明", [{ field: "note", issue: "不能为空" }]);
  }

  const now = Date.now();
  // The day row is locked first, so two resolutions of one day never both count the other as open.
  await transaction(async (tx) => {
    const locked = await lockDay(tx, day.id, now);
    if (!locked) throw new AppError("not_found", "没有这一天的对账结果");
    const resolution = input.action === "platform" ? "platform_applied" : "handled";
    const changed = await resolveDifferenceRow(tx, differenceId, { resolution, resolutionNote: note, resolvedByName: actor.username, resolvedAt: now });
    if (!changed) throw new AppError("conflict", "这条差异刚刚已被处理或已在重新对账后消失");
    if (locked.status === "differences" || locked.status === "balanced") {
      await setDayStatus(tx, day.id, (await unresolvedCount(tx, day.id)) > 0 ? "differences" : "balanced", now);
    }
    await recordAudit(
      tx,
      { actor, action: "reconciliation.resolve", target: difference.orderNo, detail: { day: `${day.provider}:${day.accountRef}:${day.billDate}`, kind: difference.kind, resolution, note }, req },
      now,
    );
  });
  const after = await getDayById(db, day.id);
  return dayView(after!);
}
