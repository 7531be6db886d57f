// Paying again for the same submission: after a failure or expiry, or with the other method.
// The old order is closed at its platform first; then, in one transaction, the places and stock
// are checked and held again exactly as for a new submission and the new order is inserted. The
// database allows one pending order per submission (orders_one_pending_uq), so of concurrent
// pay-agains one creates and the others get a 409.
import { getDb, transaction } from "@/db/client";
import { isUniqueViolation } from "@/db/unique-violation";
import { getFormById, lockFormForHolds } from "@/db/queries/forms";
import { addOrderEvent, getOrderByNo, insertOrder, ordersOfSubmission, type OrderRow } from "@/db/queries/orders";
import { getSubmission, startHoldClock } from "@/db/queries/submissions";
import { AppError } from "@/lib/errors";
import { settings } from "@/lib/env";
import { parseDefinition } from "@/lib/forms/definition";
import { assertPlaceFree, holdSubmissionStock } from "@/lib/forms/stock";
import { accountRefOf, firstQueryAt, limitOrderStarts } from "./create-order";
import { newOrderNo } from "./order-no";
import { chooseChannel, type PayerContext } from "./payer-channel";
import { accountFor, methodName, providerFor } from "./providers";
import { closeAtPlatform } from "./refresh-order";
import { startPayment, type OrderCreated } from "./start-payment";
import type { ProviderId } from "./types";

export type SwitchResult = { kind: "already_paid"; orderNo: string } | { kind: "created"; order: OrderCreated };

const PAID_STATES = new Set(["paid", "refunding", "partially_refunded", "refunded"]);

export async function payAgain(orderNo: string, providerId: ProviderId, payer: PayerContext): Promise<SwitchResult> {
  const db = getDb();
  const old = await getOrderByNo(db, orderNo);
  if (!old) throw new AppError("not_found", "订单不存在");
  const paid = (await ordersOfSubmission(db, old.submissionId)).find((o) => PAID_STATES.has(o.status));
  if (paid) return { kind: "already_paid", orderNo: paid.orderNo };
  await limitOrderStarts(payer.clientIp, `submission:${old.submissionId}`);

  const formRow = await getFormById(db, old.formId);
  const submission = await getSubmission(db, old.submissionId);
  if (!formRow || !submission) throw new AppError("not_found", "表单不存在");
  if (formRow.status !== "published") throw new AppError("gone", "该表单已停止收集");
  const definition = parseDefinition(formRow.definitionJson);
  if (!definition.methods.includes(providerId)) throw new AppError("unprocessable_entity", "该表单不支持这种支付方式");
  const form = { row: formRow, definition };
  const provider = await providerFor(providerId, accountRefOf(form, providerId), { forNewPayment: true });
  // Chosen before anything is closed: a method that cannot be used here leaves the old order payable.
  const { channel, payerOpenId } = chooseChannel((await accountFor(providerId, accountRefOf(form, providerId)))!, payer);
  for (const live of (await ordersOfSubmission(db, old.submissionId)).filter((o) => o.status === "pending")) {
    try {
      await closeAtPlatform(live, "付款人重新发起支付");
    } catch {
      throw new AppError("payment_platform_unavailable", "暂时无法关闭原订单，请稍后再试（原订单仍可支付）");
    }
  }

  const s = settings();
  const now = Date.now();
  // However often the payer starts again, the submission holds its place at most this long.
  const holdEndsAt = (submission.holdStartedAt ?? now) + s.SUBMISSION_HOLD_MAX_MINUTES * 60_000;
  const expiresAt = Math.min(now + s.ORDER_EXPIRES_MINUTES * 60_000, holdEndsAt);
  if (expiresAt - now < 60_000) {
    throw new AppError("gone", "本次填写的支付时间已用完，请重新填写并提交表单");
  }

  // Safe with several processes: the form row is locked (PostgreSQL) or writes are serial
  // (SQLite) while places and stock are counted; the unique index refuses a second pending order.
  const order = await transaction(async (tx) => {
    await lockFormForHolds(tx, form.row.id);
    const current = await ordersOfSubmission(tx, submission.id);
    const nowPaid = current.find((o) => PAID_STATES.has(o.status));
    if (nowPaid) return { alreadyPaid: nowPaid };
    if (current.some((o) => o.status === "pending")) {
      throw new AppError("conflict", "这份提交已有一笔待支付订单，请刷新页面");
    }
    await assertPlaceFree(tx, form, now);
    await startHoldClock(tx, submission.id, now);
    await holdSubmissionStock(tx, form, submission.id, expiresAt, now);
    const row = await insertPendingOrder(tx, {
      orderNo: newOrderNo(new Date(now)),
      submissionId: submission.id,
      formId: form.row.id,
      provider: providerId,
      channel,
      payerOpenId: payerOpenId ?? null,
      accountRef: accountRefOf(form, providerId),
      appId: provider.appId,
      merchantId: provider.merchantId,
      amountFen: submission.amountFen,
      description: form.row.title.slice(0, 100),
      status: "pending",
      expiresAt,
      nextQueryAt: firstQueryAt(now),
      createdAt: now,
      updatedAt: now,
    });
    await addOrderEvent(tx, row.id, "created", `重新发起支付：${methodName(providerId)}（原订单 ${old.orderNo}）`, {
      amountFen: submission.amountFen,
      channel,
      previousOrderNo: old.orderNo,
    });
    return { created: row };
  });
  if ("alreadyPaid" in order) return { kind: "already_paid", orderNo: order.alreadyPaid!.orderNo };
  return { kind: "created", order: await startPayment(order.created!, provider, { openId: payerOpenId, clientIp: payer.clientIp }) };
}

/** The one-pending-order index turns a lost race into a 409, not a 500. */
async function insertPendingOrder(tx: Parameters<typeof insertOrder>[0], values: Parameters<typeof insertOrder>[1]): Promise<OrderRow> {
  try {
    return await insertOrder(tx, values);
  } catch (error) {
    if (isUniqueViolation(error, "payment_orders", "submission_id", "orders_one_pending_uq")) throw new AppError("conflict", "这份提交已有一笔待支付订单，请刷新页面");
    throw error;
  }
}
