// Paying again for the same submission: after a failure or expiry, or with the other method.
// The old order is closed at its platform first, so one submission never has two live orders.
import { getDb } from "@/db/client";
import { getFormById } from "@/db/queries/forms";
import { getOrderByNo, ordersOfSubmission } from "@/db/queries/orders";
import { getSubmission } from "@/db/queries/submissions";
import { AppError } from "@/lib/errors";
import { parseDefinition } from "@/lib/forms/definition";
import { openOrder, type OrderCreated } from "./create-order";
import { closeAtPlatform } from "./refresh-order";
import type { ProviderId } from "./types";

export type SwitchResult = { kind: "already_paid"; orderNo: string } | { kind: "created"; order: OrderCreated };

export async function payAgain(orderNo: string, providerId: ProviderId, userAgent: string | null): Promise<SwitchResult> {
  const db = getDb();
  const old = getOrderByNo(db, orderNo);
  if (!old) throw new AppError("not_found", "订单不存在");
  const paid = ordersOfSubmission(db, old.submissionId).find((o) => o.status === "paid");
  if (paid) return { kind: "already_paid", orderNo: paid.orderNo };

  for (const live of ordersOfSubmission(db, old.submissionId).filter((o) => o.status === "pending")) {
    try {
      await closeAtPlatform(live, "付款人更换支付方式");
    } catch {
      throw new AppError("payment_platform_unavailable", "暂时无法关闭原订单，请稍后再试（原订单仍可支付）");
    }
  }
  const nowPaid = ordersOfSubmission(db, old.submissionId).find((o) => o.status === "paid");
  if (nowPaid) return { kind: "already_paid", orderNo: nowPaid.orderNo };

  const formRow = getFormById(db, old.formId);
  const submission = getSubmission(db, old.submissionId);
  if (!formRow || !submission) throw new AppError("not_found", "表单不存在");
  if (formRow.status !== "published") throw new AppError("gone", "该表单已停止收集");
  const definition = parseDefinition(formRow.definitionJson);
  if (!definition.methods.includes(providerId)) throw new AppError("unprocessable_entity", "该表单不支持这种支付方式");
  const order = await openOrder({
    form: { row: formRow, definition },
    submissionId: submission.id,
    amountFen: submission.amountFen,
    providerId,
    userAgent,
  });
  return { kind: "created", order };
}
