// A form as payers see it: only published forms, only what a payer needs.
import { getDb } from "@/db/client";
import { countFilledPlaces, getFormBySlug, type FormRow } from "@/db/queries/forms";
import { AppError } from "@/lib/errors";
import { parseDefinition, type FormDefinition } from "./definition";
import { remainingStock } from "./stock";

export interface OpenForm {
  row: FormRow;
  definition: FormDefinition;
}

/** The form a payer may answer now, or an AppError saying why not. */
export async function openFormBySlug(slug: string): Promise<OpenForm> {
  const row = await getFormBySlug(getDb(), slug);
  if (!row || row.status === "draft") throw new AppError("not_found", "表单不存在");
  if (row.status === "closed") throw new AppError("gone", "该表单已停止收集");
  if (row.deadlineAt !== null && Date.now() > row.deadlineAt) throw new AppError("gone", "该表单已过截止时间");
  if (row.maxPaidSubmissions !== null && (await countFilledPlaces(getDb(), row.id)) >= row.maxPaidSubmissions) {
    throw new AppError("gone", "名额已满");
  }
  return { row, definition: parseDefinition(row.definitionJson) };
}

export async function publicFormView({ row, definition }: OpenForm) {
  const remaining = await remainingStock(getDb(), row.id, definition);
  return {
    slug: row.slug,
    title: row.title,
    description: row.description,
    deadlineAt: row.deadlineAt === null ? null : new Date(row.deadlineAt).toISOString(),
    fields: definition.fields.map((f) => ({
      id: f.id,
      type: f.type,
      label: f.label,
      required: f.required,
      help: f.help ?? null,
      options: f.options ?? null,
      min: f.min ?? null,
      max: f.max ?? null,
      payment: f.payment
        ? f.payment.mode === "items"
          ? { mode: "items" as const, items: f.payment.items.map(({ id, name, priceFen, maxPerOrder }) => ({ id, name, priceFen, maxPerOrder: maxPerOrder ?? null, remaining: remaining.get(id) ?? null })) }
          : f.payment
        : null,
    })),
    methods: definition.methods,
  };
}
export type PublicFormView = Awaited<ReturnType<typeof publicFormView>>;
