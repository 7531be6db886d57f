// Storing a payer's answers. For a paid form this runs inside the transaction that opens the
// first order (lib/payments/create-order.ts); a free form's submission is its own transaction.
import { transaction, type DbOrTx } from "@/db/client";
import { lockFormForHolds } from "@/db/queries/forms";
import { insertSubmission, type SubmissionRow } from "@/db/queries/submissions";
import type { OpenForm } from "./public-form";
import { assertPlaceFree } from "./stock";
import type { Answers } from "./validate-answers";

/** Inserts the submission row; the caller holds places and stock in the same transaction. */
export async function insertAnswers(tx: DbOrTx, input: { form: OpenForm; answers: Answers; amountFen: number; now: number }): Promise<SubmissionRow> {
  const { form } = input;
  return insertSubmission(tx, {
    formId: form.row.id,
    formVersion: form.row.version,
    fieldsSnapshotJson: JSON.stringify(form.definition.fields),
    answersJson: JSON.stringify(input.answers),
    searchText: searchTextOf(input.answers),
    amountFen: input.amountFen,
    paymentStatus: input.amountFen > 0 ? "unpaid" : "none",
    createdAt: input.now,
  });
}

/** A free form's submission: the cap is checked and the place taken in one transaction. */
export async function storeFreeSubmission(input: { form: OpenForm; answers: Answers }): Promise<SubmissionRow> {
  const now = Date.now();
  // Safe with several processes: the form row is locked (PostgreSQL) or writes are serial (SQLite) while counting.
  return transaction(async (tx) => {
    await lockFormForHolds(tx, input.form.row.id);
    await assertPlaceFree(tx, input.form, now);
    return insertAnswers(tx, { form: input.form, answers: input.answers, amountFen: 0, now });
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
