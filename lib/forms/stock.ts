// Stock of priced items. A submission holds its units in the same transaction that stores it
// (and again when its order is reopened), after counting what is already taken; SQLite runs
// write transactions one at a time, so two payers can never both take the last unit. Units of
// an unpaid submission come back on their own when its hold runs out (order expiry + grace).
import type { DbOrTx } from "@/db/client";
import { getSubmission } from "@/db/queries/submissions";
import { deleteHoldsOf, insertHolds, takenUnits } from "@/db/queries/stock";
import { AppError } from "@/lib/errors";
import { paymentField, type FormDefinition } from "./definition";

// A payment can still land a little after the order's expiry (the platform's own clock, a
// close that is in flight); keep the units that long.
export const STOCK_GRACE_MS = 5 * 60_000;

/** Units left per stock-limited item (never negative); items without stock are absent. */
export function remainingStock(db: DbOrTx, formId: number, definition: FormDefinition, now = Date.now()): Map<string, number> {
  const field = paymentField(definition);
  const remaining = new Map<string, number>();
  if (field?.payment.mode !== "items") return remaining;
  const limited = field.payment.items.filter((i) => i.stock != null);
  if (!limited.length) return remaining;
  const taken = takenUnits(db, formId, now);
  for (const item of limited) remaining.set(item.id, Math.max(0, item.stock! - (taken.get(item.id) ?? 0)));
  return remaining;
}

/**
 * Holds the stock-limited items a submission chose until the order expires (plus grace), or
 * throws a 409 naming the item that ran out. Call inside the transaction that stores the
 * submission or opens its order; re-holding replaces the submission's earlier hold.
 */
export function holdSubmissionStock(
  tx: DbOrTx,
  form: { row: { id: number }; definition: FormDefinition },
  submissionId: number,
  orderExpiresAt: number,
  now = Date.now(),
): void {
  const field = paymentField(form.definition);
  if (field?.payment.mode !== "items") return;
  const submission = getSubmission(tx, submissionId);
  if (!submission) return;
  const quantities = ((JSON.parse(submission.answersJson) as Record<string, unknown>)[field.id] ?? {}) as Record<string, number>;
  const wanted = field.payment.items.filter((i) => i.stock != null && (quantities[i.id] ?? 0) > 0);
  if (!wanted.length) return;

  deleteHoldsOf(tx, submissionId);
  const taken = takenUnits(tx, form.row.id, now, submissionId);
  for (const item of wanted) {
    const left = Math.max(0, item.stock! - (taken.get(item.id) ?? 0));
    if (quantities[item.id] > left) {
      const issue = left === 0 ? `「${item.name}」已售罄` : `「${item.name}」仅剩 ${left} 件`;
      throw new AppError("conflict", issue, [{ field: field.id, issue }]);
    }
  }
  insertHolds(
    tx,
    wanted.map((item) => ({
      formId: form.row.id,
      submissionId,
      itemId: item.id,
      quantity: quantities[item.id],
      holdUntil: orderExpiresAt + STOCK_GRACE_MS,
      createdAt: now,
    })),
  );
}
