// A payer submits a form that asks for money: the submission, its holds of places and stock, and
// its pending order are stored in ONE transaction (a crash can never leave a hold without an
// order); the platform is asked for a payment after that transaction commits.
import crypto from "node:crypto";
import { z } from "zod";
import { transaction } from "@/db/client";
import { addOrderEvent, insertOrder } from "@/db/queries/orders";
import { lockFormForHolds } from "@/db/queries/forms";
import { startHoldClock } from "@/db/queries/submissions";
import { AppError } from "@/lib/errors";
import { settings } from "@/lib/env";
import { PAYMENT_METHODS, type FormDefinition } from "@/lib/forms/definition";
import { priceSubmission } from "@/lib/forms/pricing";
import { openFormBySlug, type OpenForm } from "@/lib/forms/public-form";
import { assertPlaceFree, holdSubmissionStock } from "@/lib/forms/stock";
import { insertAnswers } from "@/lib/forms/store-submission";
import { validateAnswers, type Answers } from "@/lib/forms/validate-answers";
import { enforceRateLimits } from "@/lib/limits/rate-limit";
import { newOrderNo } from "./order-no";
import { chooseChannel, type PayerContext } from "./payer-channel";
import { accountFor, methodName, providerFor } from "./providers";
import { startPayment, type OrderCreated } from "./start-payment";
import type { ProviderId } from "./types";

export type { OrderCreated } from "./start-payment";
export type { PayerContext } from "./payer-channel";

export const createOrderBody = z.object({
  formSlug: z.string().min(1).max(100),
  answers: z.record(z.string(), z.unknown()),
  provider: z.enum(PAYMENT_METHODS, { message: "provider 应为 wechat 或 alipay" }),
  // Refused whatever the form's payment mode: a fixed price must not silently ignore amountFen: -100.
  amountFen: z.number({ message: "amountFen 应为正整数（分）" }).int("amountFen 应为正整数（分）").positive("amountFen 应为正整数（分）").optional(),
});
export type CreateOrderBody = z.infer<typeof createOrderBody>;

export async function createOrder(body: CreateOrderBody, payer: PayerContext): Promise<OrderCreated> {
  const form = await openFormBySlug(body.formSlug);
  const validation = validateAnswers(form.definition, body.answers);
  if (!validation.ok) throw new AppError("unprocessable_entity", "请检查填写的内容", validation.errors);
  const pricing = priceSubmission(form.definition, validation.answers, body.amountFen);
  if (!pricing.ok) throw new AppError("unprocessable_entity", "请检查付款金额", pricing.errors);
  if (pricing.amountFen <= 0) throw new AppError("unprocessable_entity", "该表单无需付款");
  if (!form.definition.methods.includes(body.provider)) {
    throw new AppError("unprocessable_entity", `该表单不支持${methodName(body.provider)}`, [{ field: "provider", issue: "不支持的支付方式" }]);
  }
  await limitOrderStarts(payer.clientIp, `form:${form.row.id}:${payerKey(form.definition, validation.answers)}`);
  const accountRef = accountRefOf(form, body.provider);
  const provider = await providerFor(body.provider, accountRef, { forNewPayment: true });
  const { channel, payerOpenId } = chooseChannel((await accountFor(body.provider, accountRef))!, payer);

  const s = settings();
  const now = Date.now();
  const expiresAt = now + Math.min(s.ORDER_EXPIRES_MINUTES, s.SUBMISSION_HOLD_MAX_MINUTES) * 60_000;
  // Safe with several processes: the form's row is locked (PostgreSQL) or writes are serial
  // (SQLite) while places and stock are counted and taken.
  const order = await transaction(async (tx) => {
    await lockFormForHolds(tx, form.row.id);
    await assertPlaceFree(tx, form, now);
    const submission = await insertAnswers(tx, { form, answers: validation.answers, amountFen: pricing.amountFen, now });
    await startHoldClock(tx, submission.id, now);
    await holdSubmissionStock(tx, form, submission.id, expiresAt, now);
    const row = await insertOrder(tx, {
      orderNo: newOrderNo(new Date(now)),
      submissionId: submission.id,
      formId: form.row.id,
      provider: body.provider,
      channel,
      payerOpenId: payerOpenId ?? null,
      accountRef,
      appId: provider.appId,
      merchantId: provider.merchantId,
      amountFen: pricing.amountFen,
      description: form.row.title.slice(0, 100),
      status: "pending",
      expiresAt,
      nextQueryAt: firstQueryAt(now),
      createdAt: now,
      updatedAt: now,
    });
    await addOrderEvent(tx, row.id, "created", `创建订单：${methodName(body.provider)}`, { amountFen: pricing.amountFen, channel });
    return row;
  });
  return startPayment(order, provider, { openId: payerOpenId, clientIp: payer.clientIp });
}

export function accountRefOf(form: OpenForm, providerId: ProviderId): string {
  const id = providerId === "wechat" ? form.row.wechatAccountId : form.row.alipayAccountId;
  return id === null ? "env" : String(id);
}

/** The sweep's first look at a new order: soon, when a payer who paid without a notify is likeliest. */
export function firstQueryAt(now: number): number {
  return now + 15_000;
}

/** Order creation and pay-again share the limits: per client IP and per payer. */
export async function limitOrderStarts(clientIp: string, payer: string): Promise<void> {
  const s = settings();
  await enforceRateLimits(
    [
      { key: `order:ip:${clientIp}`, limit: s.ORDER_RATE_LIMIT_PER_IP },
      { key: `order:payer:${payer}`, limit: s.ORDER_RATE_LIMIT_PER_PAYER },
    ],
    s.ORDER_RATE_LIMIT_WINDOW_SECONDS * 1000,
    "操作太频繁，请稍后再试",
  );
}

/** The payer's phone number if the form asks for one, otherwise a digest of all the answers. */
function payerKey(definition: FormDefinition, answers: Answers): string {
  const phoneField = definition.fields.find((f) => f.type === "phone");
  const phone = phoneField && Object.hasOwn(answers, phoneField.id) ? String(answers[phoneField.id]) : "";
  if (phone) return `phone:${phone}`;
  return `answers:${crypto.createHash("sha256").update(JSON.stringify(answers)).digest("hex").slice(0, 32)}`;
}
