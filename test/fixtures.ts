// Rows for service tests that need an order without going through a platform.
import { getDb } from "@/db/client";
import { insertOrder, type OrderRow } from "@/db/queries/orders";
import { insertSubmission } from "@/db/queries/submissions";
import { getFormBySlug } from "@/db/queries/forms";
import { seedDemoForm } from "@/lib/forms/seed";
import { newOrderNo } from "@/lib/payments/order-no";

export async function makePendingOrder(overrides: Partial<OrderRow> = {}): Promise<OrderRow> {
  await seedDemoForm();
  const db = getDb();
  const form = (await getFormBySlug(db, "demo"))!;
  const now = Date.now();
  const submission = await insertSubmission(db, {
    formId: form.id,
    formVersion: 1,
    fieldsSnapshotJson: form.definitionJson.length ? JSON.stringify(JSON.parse(form.definitionJson).fields) : "[]",
    answersJson: JSON.stringify({ name: "张三", phone: "13800138000", session: "sat" }),
    searchText: "张三 13800138000",
    amountFen: 5000,
    paymentStatus: "unpaid",
    createdAt: now,
  });
  return insertOrder(db, {
    orderNo: newOrderNo(),
    submissionId: submission.id,
    formId: form.id,
    provider: "wechat",
    channel: "native",
    accountRef: "env",
    appId: "wxd678efh567hg6787",
    merchantId: "1900000109",
    amountFen: 5000,
    description: form.title,
    status: "pending",
    expiresAt: now + 15 * 60_000,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  });
}
