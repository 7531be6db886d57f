// Stock of priced items and places of capped forms. A submission holds its units in the
// transaction that opens its order, after counting what is already taken, with the form's row
// locked (db/queries/forms.ts lockFormForHolds) so two payers can never both take the last unit
// on any engine. Units of an unpaid submission come back the moment its order expires or closes.
import type { DbOrTx } from "@/db/client";
import { countTakenPlaces } from "@/db/queries/forms";
import { getSubmission } from "@/db/queries/submissions";
import { deleteHoldsOf, insertHolds, takenUnits } from "@/db/queries/stock";
import { AppError } from "@/lib/errors";
import { paymentField, type FormDefinition } from "./definition";

/** Units left per stock-limited item (never negative); items without stock are absent. */
export async function remainingStock(db: DbOrTx, formId: number, definition: FormDefinition, now = Date.now()): Promise<Map<string, number>> {
  const field = paymentField(definition);
  const remaining = new Map<string, number>();
  if (field?.payment.mode !== "items") return remaining;
  const limited = field.payment.items.filter((i) => i.stock != null);
  if (!limited.length) return remaining;
  const taken = await takenUnits(db, formId, now);
  for (const item of limited) remaining.set(item.id, Math.max(0, item.stock! - (taken.get(item.id) ?? 0)));
  return remaining;
}

/** Throws 409 when the form's cap has no place left for one more payer (call with the form locked). */
export async function assertPlaceFree(tx: DbOrTx, form: { row: { id: number; maxPaidSubmissions: number | null } }, now = Date.now()): Promise<void> {
  const cap = form.row.maxPaidSubmissions;
  if (cap !== null && (await countTakenPlaces(tx, form.row.id, now)) >= cap) {
    throw new AppError("conflict", "名额已满（或最后的名额正有人在支付），请稍后再试");
  }
}

/**
 * Holds the stock-limited items a submission chose until holdUntil (its order's expiry), or
 * throws a 409 naming the item that ran out. Call inside the transaction that opens the order,
 * with the form locked; re-holding replaces the submission's earlier hold.
 */
export async function holdSubmissionStock(
  tx: DbOrTx,
  form: { row: { id: number }; definition: FormDefinition },
  submissionId: number,
  holdUntil: number,
  now = Date.now(),
): Promise<void> {
  const field = paymentField(form.definition);
  if (field?.payment.mode !== "items") return;
  const submission = await getSubmission(tx, submissionId);
  if (!submission) return;
  const answers = JSON.parse(submission.answersJson) as Record<string, unknown>;
  const chosen = Object.hasOwn(answers, field.id) ? answers[field.id] : undefined;
  const quantities = new Map(Object.entries(typeof chosen === "object" && chosen !== null ? (chosen as Record<string, number>) : {}));
  const wanted = field.payment.items.filter((i) => i.stock != null && (quantities.get(i.id) ?? 0) > 0);
  if (!wanted.length) return;

  await deleteHoldsOf(tx, submissionId);
  const taken = await takenUnits(tx, form.row.id, now, submissionId);
  for (const item of wanted) {
    const left = Math.max(0, item.stock! - (taken.get(item.id) ?? 0));
    if (quantities.get(item.id)! > left) {
      const issue = left === 0 ? `「${item.name}」已售罄` : `「${item.name}」仅剩 ${left} 件`;
      throw new AppError("conflict", issue, [{ field: field.id, issue }]);
    }
  }
  await insertHolds(
    tx,
    wanted.map((item) => ({
      formId: form.row.id,
      submissionId,
      itemId: item.id,
      quantity: quantities.get(item.id)!,
      holdUntil,
      createdAt: now,
    })),
  );
}
