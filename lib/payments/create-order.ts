// A payer submits a form that asks for money: store the submission and a pending order in one
// transaction, then ask the platform for a payment (outside the transaction).
import { z } from "zod";
import { getDb } from "@/db/client";
import { addOrderEvent, insertOrder, updatePendingOrder, type OrderRow } from "@/db/queries/orders";
import { AppError } from "@/lib/errors";
import { settings } from "@/lib/env";
import { PAYMENT_METHODS } from "@/lib/forms/definition";
import { priceSubmission } from "@/lib/forms/pricing";
import { holdSubmissionStock } from "@/lib/forms/stock";
import { openFormBySlug, type OpenForm } from "@/lib/forms/public-form";
import { storeSubmission } from "@/lib/forms/store-submission";
import { validateAnswers } from "@/lib/forms/validate-answers";
import { newOrderNo } from "./order-no";
import { markCreateFailed } from "./order-state";
import { methodName, providerFor } from "./providers";
import { PaymentPlatformError, type PayChannel, type ProviderId } from "./types";

export const createOrderBody = z.object({
  formSlug: z.string().min(1).max(100),
  answers: z.record(z.string(), z.unknown()),
  provider: z.enum(PAYMENT_METHODS, { message: "provider 应为 wechat 或 alipay" }),
  amountFen: z.number().int("amountFen 应为整数（分）").optional(),
});
export type CreateOrderBody = z.infer<typeof createOrderBody>;

export interface OrderCreated {
  orderNo: string;
  status: OrderRow["status"];
  provider: ProviderId;
  amountFen: number;
  codeUrl: string | null;
  payUrl: string | null;
  expiresAt: string;
  payPageUrl: string;
}

const PHONE_AGENT = /Mobile|Android|iPhone|iPod|HarmonyOS|Windows Phone/i;

export function channelFor(provider: ProviderId, userAgent: string | null): PayChannel {
  if (provider === "wechat") return "native";
  return userAgent && PHONE_AGENT.test(userAgent) ? "wap" : "page";
}

export async function createOrder(body: CreateOrderBody, userAgent: string | null): Promise<OrderCreated> {
  const form = openFormBySlug(body.formSlug);
  const validation = validateAnswers(form.definition, body.answers);
  if (!validation.ok) throw new AppError("unprocessable_entity", "请检查填写的内容", validation.errors);
  const pricing = priceSubmission(form.definition, validation.answers, body.amountFen);
  if (!pricing.ok) throw new AppError("unprocessable_entity", "请检查付款金额", pricing.errors);
  if (pricing.amountFen <= 0) throw new AppError("unprocessable_entity", "该表单无需付款");
  if (!form.definition.methods.includes(body.provider)) {
    throw new AppError("unprocessable_entity", `该表单不支持${methodName(body.provider)}`, [{ field: "provider", issue: "不支持的支付方式" }]);
  }
  const provider = providerFor(body.provider, accountRefOf(form, body.provider), { forNewPayment: true });

  const submission = storeSubmission({
    form,
    answers: validation.answers,
    amountFen: pricing.amountFen,
    holdUntil: Date.now() + settings().ORDER_EXPIRES_MINUTES * 60_000,
  });
  return openOrder({ form, submissionId: submission.id, amountFen: pricing.amountFen, providerId: body.provider, userAgent });
}

export function accountRefOf(form: OpenForm, providerId: ProviderId): string {
  const id = providerId === "wechat" ? form.row.wechatAccountId : form.row.alipayAccountId;
  return id === null ? "env" : String(id);
}

/** Creates a pending order for a stored submission and starts the payment at the platform. */
export async function openOrder(input: {
  form: OpenForm;
  submissionId: number;
  amountFen: number;
  providerId: ProviderId;
  userAgent: string | null;
}): Promise<OrderCreated> {
  const { form, providerId } = input;
  const db = getDb();
  const provider = providerFor(providerId, accountRefOf(form, providerId), { forNewPayment: true });
  const channel = channelFor(providerId, input.userAgent);
  const now = Date.now();
  const expiresAt = now + settings().ORDER_EXPIRES_MINUTES * 60_000;
  const order = db.transaction((tx) => {
    // Paying again after expiry re-checks and renews the submission's item stock.
    holdSubmissionStock(tx, form, input.submissionId, expiresAt);
    const row = insertOrder(tx, {
      orderNo: newOrderNo(new Date(now)),
      submissionId: input.submissionId,
      formId: form.row.id,
      provider: providerId,
      channel,
      accountRef: accountRefOf(form, providerId),
      appId: provider.appId,
      merchantId: provider.merchantId,
      amountFen: input.amountFen,
      description: form.row.title.slice(0, 100),
      status: "pending",
      expiresAt,
      createdAt: now,
      updatedAt: now,
    });
    addOrderEvent(tx, row.id, "created", `创建订单：${methodName(providerId)}，${channel}`, { amountFen: input.amountFen });
    return row;
  });

  try {
    const start = await provider.createPayment({
      orderNo: order.orderNo,
      amountFen: order.amountFen,
      description: order.description,
      expiresAt: new Date(expiresAt),
      channel,
    });
    const codeUrl = start.kind === "qr" ? start.codeUrl : null;
    const payUrl = start.kind === "redirect" ? start.payUrl : null;
    updatePendingOrder(db, order.id, { codeUrl, payUrl });
    return {
      orderNo: order.orderNo,
      status: "pending",
      provider: providerId,
      amountFen: order.amountFen,
      codeUrl,
      payUrl,
      expiresAt: new Date(expiresAt).toISOString(),
      payPageUrl: `/pay/${order.orderNo}`,
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    markCreateFailed(db, order, reason);
    if (error instanceof PaymentPlatformError && error.kind === "unavailable") {
      // The platform may have created the trade without our hearing back: close it so it can't be paid.
      await provider.closePayment(order.orderNo).catch(() => undefined);
    }
    if (!(error instanceof PaymentPlatformError)) console.error("create payment failed", error);
    throw new AppError(
      error instanceof PaymentPlatformError && error.kind === "rejected" ? "payment_platform_error" : "payment_platform_unavailable",
      `${methodName(providerId)}下单失败，请稍后重试`,
      [{ field: "provider", issue: error instanceof PaymentPlatformError ? `${error.platformCode}: ${error.message}` : "平台无响应" }],
    );
  }
}
