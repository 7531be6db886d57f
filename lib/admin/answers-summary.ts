// A submission's answers in one line as the payer saw them: choices by their labels (周六下午,
// never "sat"), items by name and count, read with the field definitions the payer answered.
import type { FormField } from "@/lib/forms/definition";
import { ownValue } from "@/lib/forms/own";
import { formatAnswer } from "./submissions";

export function answersSummary(fieldsSnapshotJson: string, answersJson: string): string {
  const fields = JSON.parse(fieldsSnapshotJson) as FormField[];
  const answers = JSON.parse(answersJson) as Record<string, unknown>;
  return fields
    .filter((f) => f.type !== "payment")
    .map((f) => formatAnswer(f, ownValue(answers, f.id)))
    .filter((text) => text !== "")
    .join(" ");
}
