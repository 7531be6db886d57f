// Storing a payer's answers: one synchronous transaction that checks the form's cap, inserts the
// submission and holds its item stock, so two payers can never both take the last place or unit.
import { getDb } from "@/db/client";
import { countTakenPlaces } from "@/db/queries/forms";
import { insertSubmission, type SubmissionRow } from "@/db/queries/submissions";
import { AppError } from "@/lib/errors";
import type { OpenForm } from "./public-form";
import { holdSubmissionStock } from "./stock";
import type { Answers } from "./validate-answers";

export function storeSubmission(input: {
  form: OpenForm;
  answers: Answers;
  amountFen: number;
  /** How long the places and stock are held for an unpaid submission (its order's expiry). */
  holdUntil: number;
}): SubmissionRow {
  const { form } = input;
  const now = Date.now();
  return getDb().transaction((tx) => {
    const cap = form.row.maxPaidSubmissions;
    if (cap !== null && countTakenPlaces(tx, form.row.id, now) >= cap) {
      throw new AppError("conflict", "名额已满（或最后的名额正有人在支付），请稍后再试");
    }
    const row = insertSubmission(tx, {
      formId: form.row.id,
      formVersion: form.row.version,
      fieldsSnapshotJson: JSON.stringify(form.definition.fields),
      answersJson: JSON.stringify(input.answers),
      searchText: searchTextOf(input.answers),
      amountFen: input.amountFen,
      paymentStatus: input.amountFen > 0 ? "unpaid" : "none",
      createdAt: now,
    });
    // A sold-out item throws here and rolls the submission back (409).
    holdSubmissionStock(tx, form, row.id, input.holdUntil, now);
    return row;
  });
}

/** Answers flattened into one line for admin search (phone, name, choices). */
function searchTextOf(answers: Answers): string {
  return Object.values(answers)
    .flatMap((v) => (Array.isArray(v) ? v : typeof v === "object" && v !== null ? [] : [v]))
    .map(String)
    .join(" ")
    .slice(0, 1000);
}
