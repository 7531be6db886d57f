// A form is data: a list of fields. This schema is what the database stores and what the admin
// form builder produces; everything else (rendering, validation, pricing) reads it.
import { z } from "zod";
import { AppError, zodDetails } from "@/lib/app-error";
import { MAX_FEN } from "@/lib/money";

export const FIELD_TYPES = [
  "text",
  "textarea",
  "phone",
  "email",
  "number",
  "single_choice",
  "multiple_choice",
  "date",
  "payment",
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

const fen = z.number().int().min(1).max(MAX_FEN);

/**
 * Field and item ids become keys of answer objects (answers.fee.vip), so they must never name
 * something an object already has: one pattern, and no name Object.prototype carries ("constructor").
 */
export const ID_PATTERN = /^[a-z][a-z0-9_]{0,31}$/;
export const ID_RULE = "以小写字母开头，只能包含小写字母、数字和下划线，最多 32 个字符";

/** The problem with an id, for the admin, or null when it is safe. what: 字段 or 商品. */
export function idIssue(id: string, what: string): string | null {
  if (!ID_PATTERN.test(id)) return `${what}标识应${ID_RULE}`;
  if (id in Object.prototype) return `「${id}」是保留字，不能用作${what}标识`;
  return null;
}

export const safeId = (what: string) =>
  z.string({ message: `请填写${what}标识` }).superRefine((id, ctx) => {
    const issue = idIssue(id, what);
    if (issue) ctx.addIssue({ code: "custom", message: issue });
  });

export const choiceOption = z.object({
  value: z.string().min(1).max(100),
  label: z.string().min(1).max(200),
});

export const pricedItem = z.object({
  id: safeId("商品"),
  name: z.string().min(1).max(100),
  priceFen: fen,
  /** Units offered in all; paid and held units count against it (lib/forms/stock.ts). Null or absent: unlimited. */
  stock: z.number().int().min(0).nullable().optional(),
  maxPerOrder: z.number().int().min(1).max(999).optional(),
});

export const paymentConfig = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("fixed"), amountFen: fen }),
  z
    .object({ mode: z.literal("custom"), minFen: fen, maxFen: fen })
    .refine((c) => c.minFen <= c.maxFen, "最低金额不能高于最高金额"),
  z.object({ mode: z.literal("items"), items: z.array(pricedItem).min(1).max(100) }).superRefine((config, ctx) => {
    const ids = new Set<string>();
    for (const [j, item] of config.items.entries()) {
      if (ids.has(item.id)) ctx.addIssue({ code: "custom", message: `商品标识重复：${item.id}`, path: ["items", j, "id"] });
      ids.add(item.id);
    }
  }),
]);
export type PaymentConfig = z.infer<typeof paymentConfig>;
export type PricedItem = z.infer<typeof pricedItem>;

export const formField = z
  .object({
    id: safeId("字段"),
    type: z.enum(FIELD_TYPES),
    label: z.string().trim().min(1).max(100),
    required: z.boolean().default(false),
    help: z.string().max(500).optional(),
    options: z.array(choiceOption).max(100).optional(),
    /** number fields: bounds. */
    min: z.number().optional(),
    max: z.number().optional(),
    payment: paymentConfig.optional(),
  })
  .superRefine((field, ctx) => {
    const isChoice = field.type === "single_choice" || field.type === "multiple_choice";
    if (isChoice && !field.options?.length) ctx.addIssue({ code: "custom", message: "选择题至少需要一个选项", path: ["options"] });
    if (field.type === "payment" && !field.payment) ctx.addIssue({ code: "custom", message: "付款字段需要设置金额", path: ["payment"] });
  });
export type FormField = z.infer<typeof formField>;

export const PAYMENT_METHODS = ["wechat", "alipay"] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const formDefinition = z
  .object({
    fields: z.array(formField).min(1).max(100),
    /** Methods offered when the form asks for money. */
    methods: z.array(z.enum(PAYMENT_METHODS)).min(1).default(["wechat", "alipay"]),
  })
  .superRefine((def, ctx) => {
    const ids = new Set<string>();
    for (const [i, field] of def.fields.entries()) {
      if (ids.has(field.id)) ctx.addIssue({ code: "custom", message: `字段标识重复：${field.id}`, path: ["fields", i, "id"] });
      ids.add(field.id);
    }
    if (def.fields.filter((f) => f.type === "payment").length > 1) {
      ctx.addIssue({ code: "custom", message: "一个表单只能有一个付款字段", path: ["fields"] });
    }
  });
export type FormDefinition = z.infer<typeof formDefinition>;

/**
 * A stored definition. One saved before ids were checked (or written around the builder) may not
 * parse: that form is refused with a 4xx for everyone, never half-used.
 */
export function parseDefinition(json: string): FormDefinition {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    raw = undefined;
  }
  const parsed = formDefinition.safeParse(raw);
  if (!parsed.success) throw new AppError("unprocessable_entity", "表单设置有误，暂时无法使用，请联系表单发布者", zodDetails(parsed.error));
  return parsed.data;
}

export function paymentField(def: FormDefinition): (FormField & { payment: PaymentConfig }) | null {
  const field = def.fields.find((f) => f.type === "payment");
  return field?.payment ? (field as FormField & { payment: PaymentConfig }) : null;
}
