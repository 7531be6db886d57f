// Server-side validation of a payer's answers, with a zod schema built from the form's definition.
// Messages are per field and in Chinese, for the payer.
import { z } from "zod";
import type { FormDefinition, FormField } from "./definition";
import { ownValue } from "./own";
import { MAINLAND_MOBILE, normalisePhone } from "./phone";

const PHONE = MAINLAND_MOBILE;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export type Answers = Record<string, unknown>;
export type ItemQuantities = Record<string, number>;

// Only spaces is no answer: required text is checked after trimming, as it is stored.
function isBlank(value: unknown): boolean {
  if (typeof value === "string") return value.trim() === "";
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

// A form post sends numbers as text: plain decimals only, never "1e3", "0x10" or "12abc"
// (Number() would take those, and true, and [5]).
const DECIMAL = /^-?\d+(\.\d+)?$/;

function numberAnswer(label: string) {
  return z.unknown().transform((value, ctx) => {
    const text = typeof value === "string" ? value.trim() : null;
    const n = typeof value === "number" ? value : text !== null && DECIMAL.test(text) ? Number(text) : NaN;
    if (!Number.isFinite(n)) {
      ctx.addIssue({ code: "custom", message: `${label}应为数字` });
      return z.NEVER;
    }
    return n;
  });
}

function fieldSchema(field: FormField): z.ZodType {
  const label = field.label;
  switch (field.type) {
    case "text":
      return z.string({ message: `${label}应为文字` }).trim().max(200, `${label}不能超过 200 个字`);
    case "textarea":
      return z.string({ message: `${label}应为文字` }).trim().max(2000, `${label}不能超过 2000 个字`);
    case "phone":
      // "+86 138 0013 8000", dashes and full-width digits are accepted and stored as 11 digits.
      return z.string({ message: `请填写${label}` }).transform(normalisePhone).pipe(z.string().regex(PHONE, `${label}应为 11 位手机号码`));
    case "email":
      return z.string({ message: `请填写${label}` }).trim().email(`${label}格式不正确`);
    case "number": {
      let schema = numberAnswer(label);
      if (field.min !== undefined) schema = schema.refine((n) => n >= field.min!, `${label}不能小于 ${field.min}`);
      if (field.max !== undefined) schema = schema.refine((n) => n <= field.max!, `${label}不能大于 ${field.max}`);
      return schema;
    }
    case "single_choice": {
      const values = (field.options ?? []).map((o) => o.value);
      return z.string({ message: `请选择${label}` }).refine((v) => values.includes(v), `请从选项中选择${label}`);
    }
    case "multiple_choice": {
      const values = (field.options ?? []).map((o) => o.value);
      return z
        .array(z.string(), { message: `请选择${label}` })
        .max(values.length)
        .refine((vs) => vs.every((v) => values.includes(v)), `请从选项中选择${label}`)
        .refine((vs) => new Set(vs).size === vs.length, `${label}有重复的选项`);
    }
    case "date":
      return z
        .string({ message: `请选择${label}` })
        .regex(DATE, `${label}应为日期，如 2026-01-31`)
        .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), `${label}不是有效日期`);
    case "payment":
      return paymentAnswerSchema(field);
  }
}

// Items: { itemId: quantity }. Fixed and custom amounts carry no answer here (a custom amount is
// the request's amountFen, checked in pricing). Quantities are whole numbers: JSON integers or
// digit strings without a sign or leading zero ("3", not "-1", "1e3", "03").
const MAX_QUANTITY = 999;
const QUANTITY_TEXT = /^(0|[1-9]\d*)$/;

function quantityOf(value: unknown): number | null {
  if (typeof value === "number") return Number.isSafeInteger(value) && value >= 0 ? value : null;
  if (typeof value === "string" && QUANTITY_TEXT.test(value)) return Number(value);
  return null;
}

function paymentAnswerSchema(field: FormField): z.ZodType {
  if (field.payment?.mode !== "items") return z.any().transform(() => undefined);
  const items = field.payment.items;
  return z.unknown().transform((value, ctx) => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      ctx.addIssue({ code: "custom", message: `请选择${field.label}的数量` });
      return z.NEVER;
    }
    // Object.entries reads own keys only, and fromEntries writes them as own keys ("__proto__" too).
    const quantities: [string, number][] = [];
    let refused = false;
    const refuse = (message: string) => {
      refused = true;
      ctx.addIssue({ code: "custom", message });
    };
    for (const [itemId, raw] of Object.entries(value)) {
      const item = items.find((i) => i.id === itemId);
      if (!item) {
        refuse(`没有这个商品：${itemId}`);
        continue;
      }
      const quantity = quantityOf(raw);
      const max = item.maxPerOrder ?? MAX_QUANTITY;
      if (quantity === null) refuse(`${item.name}的数量应为不小于 0 的整数`);
      else if (quantity > max) refuse(`${item.name}每单最多 ${max} 件`);
      else quantities.push([itemId, quantity]);
    }
    if (!refused && !quantities.some(([, q]) => q > 0)) refuse(`请至少选择一件${field.label}`);
    if (refused) return z.NEVER;
    return Object.fromEntries(quantities);
  });
}

// A choice or a date is chosen, not written: 请选择 for those, 请填写 for the rest.
function missingMessage(field: FormField): string {
  if (field.type === "payment") return `请至少选择一件${field.label}`;
  if (field.type === "single_choice" || field.type === "multiple_choice" || field.type === "date") return `请选择${field.label}`;
  return `请填写${field.label}`;
}

export interface FieldError {
  field: string;
  issue: string;
}

export type AnswerValidation =
  | { ok: true; answers: Answers }
  | { ok: false; errors: FieldError[] };

/** Validates answers against the definition; unknown keys are dropped, never stored. */
export function validateAnswers(def: FormDefinition, input: unknown): AnswerValidation {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ field: "answers", issue: "答案格式不正确" }] };
  }
  const raw = input as Record<string, unknown>;
  const answers: [string, unknown][] = [];
  const errors: FieldError[] = [];
  for (const field of def.fields) {
    const value = ownValue(raw, field.id);
    if (isBlank(value)) {
      // A fixed or typed amount is not an answer (pricing checks it); a priced-item field with
      // nothing chosen is missing, whatever "required" says.
      const isPayment = field.type === "payment";
      const missing = isPayment ? field.payment?.mode === "items" : field.required;
      if (missing) {
        errors.push({ field: field.id, issue: missingMessage(field) });
      }
      continue;
    }
    const result = fieldSchema(field).safeParse(value);
    if (result.success) {
      if (result.data !== undefined) answers.push([field.id, result.data]);
    } else {
      errors.push({ field: field.id, issue: result.error.issues[0]?.message ?? `${field.label}不正确` });
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, answers: Object.fromEntries(answers) };
}
