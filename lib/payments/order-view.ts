// What the payer's pages and the status endpoint show of an order.
import { getDb } from "@/db/client";
import { getFormById } from "@/db/queries/forms";
import type { OrderStatusRow } from "@/db/queries/order-status";
import { getOrderByNo } from "@/db/queries/orders";
import { getSubmission } from "@/db/queries/submissions";
import type { FormField } from "@/lib/forms/definition";
import { payerFacingAnswer } from "@/lib/forms/mask";
import { ownValue } from "@/lib/forms/own";
import { payerRefunds } from "./refunds/payer-refunds";

/** The status answer: only what the payer's page needs (the columns of db/queries/order-status.ts). */
export function orderStatusView(order: OrderStatusRow) {
  return {
    orderNo: order.orderNo,
    status: order.status,
    provider: order.provider,
    amountFen: order.amountFen,
    refundedFen: order.refundedFen,
    paidAt: order.paidAt === null ? null : new Date(order.paidAt).toISOString(),
    expiresAt: new Date(order.expiresAt).toISOString(),
  };
}
export type OrderStatusView = ReturnType<typeof orderStatusView>;

export interface AnswerLine {
  label: string;
  value: string;
}

/**
 * Submitted answers as label/value lines, from the fields as they were when answered. The admin
 * sees them whole; "payer" is what the public pay page may show (masked, see lib/forms/mask.ts).
 */
export function answerLines(fieldsSnapshotJson: string, answersJson: string, audience: "admin" | "payer" = "admin"): AnswerLine[] {
  const fields = JSON.parse(fieldsSnapshotJson) as FormField[];
  const answers = JSON.parse(answersJson) as Record<string, unknown>;
  const lines: AnswerLine[] = [];
  for (const field of fields) {
    const value = ownValue(answers, field.id);
    if (value === undefined) continue;
    const text = displayValue(field, value);
    const shown = audience === "admin" ? text : payerFacingAnswer(field.type, text);
    if (shown !== null) lines.push({ label: field.label, value: shown });
  }
  return lines;
}

function displayValue(field: FormField, value: unknown): string {
  const optionLabel = (v: string) => field.options?.find((o) => o.value === v)?.label ?? v;
  if (field.type === "single_choice") return optionLabel(String(value));
  if (field.type === "multiple_choice" && Array.isArray(value)) return value.map((v) => optionLabel(String(v))).join("、");
  if (field.type === "payment" && field.payment?.mode === "items" && typeof value === "object" && value) {
    const items = field.payment.items;
    return Object.entries(value as Record<string, number>)
      .filter(([, quantity]) => quantity > 0)
      .map(([id, quantity]) => `${items.find((i) => i.id === id)?.name ?? id} × ${quantity}`)
      .join("，");
  }
  return String(value);
}

export async function payPageData(orderNo: string) {
  const db = getDb();
  const order = await getOrderByNo(db, orderNo);
  if (!order) return null;
  const form = await getFormById(db, order.formId);
  const submission = await getSubmission(db, order.submissionId);
  if (!form || !submission) return null;
  return {
    ...orderStatusView(order),
    codeUrl: order.codeUrl,
    payUrl: order.payUrl,
    channel: order.channel,
    platformTradeNo: order.platformTradeNo,
    formTitle: form.title,
    formSlug: form.slug,
    answers: answerLines(submission.fieldsSnapshotJson, submission.answersJson, "payer"),
    methods: (JSON.parse(form.definitionJson) as { methods?: string[] }).methods ?? ["wechat"],
    refunds: order.refundedFen > 0 || order.refundingFen > 0 ? await payerRefunds(db, order.id) : [],
  };
}
export type PayPageData = NonNullable<Awaited<ReturnType<typeof payPageData>>>;
