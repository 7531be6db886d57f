// 查找收据: a payer who lost the link finds their order by its number plus the last four digits of
// the phone they gave. Every miss answers the same (no telling which part was wrong), and tries
// are rate-limited per address and per order number, so neither can be guessed by brute force.
import "server-only";
import { z } from "zod";
import { getDb } from "@/db/client";
import { getOrderByNo } from "@/db/queries/orders";
import { getSubmission } from "@/db/queries/submissions";
import { AppError } from "@/lib/errors";
import type { FormField } from "@/lib/forms/definition";
import { ownValue } from "@/lib/forms/own";
import { normalisePhone } from "@/lib/forms/phone";
import { enforceRateLimits } from "@/lib/limits/rate-limit";
import { ORDER_NO_SHAPE } from "@/lib/payments/order-no-shape";

const WINDOW_MS = 10 * 60_000;

export const receiptLookupBody = z.object({
  orderNo: z.string({ error: "请填写订单号" }).trim().regex(ORDER_NO_SHAPE, "订单号格式不正确"),
  phoneLast4: z
    .string({ error: "请填写手机号后四位" })
    .transform(normalisePhone)
    .pipe(z.string().regex(/^\d{4}$/, "请填写手机号的后四位数字")),
});

const NOT_FOUND = "没有找到匹配的订单：请核对订单号与手机号后四位";

export async function lookUpReceipt(body: unknown, clientIp: string): Promise<{ payPageUrl: string }> {
  const input = receiptLookupBody.parse(body);
  await enforceRateLimits(
    [
      { key: `receipt:ip:${clientIp}`, limit: 10 },
      { key: `receipt:order:${input.orderNo}`, limit: 5 },
    ],
    WINDOW_MS,
    "查询太频繁，请 10 分钟后再试",
  );
  const db = getDb();
  const order = await getOrderByNo(db, input.orderNo);
  const submission = order ? await getSubmission(db, order.submissionId) : undefined;
  if (!order || !submission) throw new AppError("not_found", NOT_FOUND);
  const fields = JSON.parse(submission.fieldsSnapshotJson) as FormField[];
  const answers = JSON.parse(submission.answersJson) as Record<string, unknown>;
  const phones = fields.filter((f) => f.type === "phone").map((f) => ownValue(answers, f.id));
  const matches = phones.some((p) => typeof p === "string" && normalisePhone(p).endsWith(input.phoneLast4));
  if (!matches) throw new AppError("not_found", NOT_FOUND);
  return { payPageUrl: `/pay/${order.orderNo}` };
}
