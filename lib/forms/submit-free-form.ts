// A form that asks for no money: the answers are the whole submission.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { paymentField } from "./definition";
import { openFormBySlug } from "./public-form";
import { storeFreeSubmission } from "./store-submission";
import { validateAnswers } from "./validate-answers";

export const freeSubmissionBody = z.object({ answers: z.record(z.string(), z.unknown()) });

export async function submitFreeForm(slug: string, body: z.infer<typeof freeSubmissionBody>): Promise<{ submissionId: number }> {
  const form = await openFormBySlug(slug);
  if (paymentField(form.definition)) {
    throw new AppError("unprocessable_entity", "该表单需要付款，请通过 /api/payment/orders 提交");
  }
  const validation = validateAnswers(form.definition, body.answers);
  if (!validation.ok) throw new AppError("unprocessable_entity", "请检查填写的内容", validation.errors);
  const submission = await storeFreeSubmission({ form, answers: validation.answers });
  return { submissionId: submission.id };
}
