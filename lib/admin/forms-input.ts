// What the form builder sends and receives: the form definition in the admin's terms (amounts
// as yuan strings, deadline as Beijing local time). Parsed here with zod into a FormDefinition
// and row columns; every message is for the admin, per field (fields.2.payment.items.0.priceYuan).
import { z } from "zod";
import { zhCN } from "zod/locales";
import { AppError, zodDetails } from "@/lib/errors";
import { FIELD_TYPES, PAYMENT_METHODS, formDefinition, safeId, type FormDefinition, type FormField, type PaymentConfig } from "@/lib/forms/definition";
import { checkYuanAmount } from "@/lib/forms/amount-check";
import { toYuan } from "@/lib/money";

const SLUG = /^[a-z0-9][a-z0-9-]{2,39}$/;
const LOCAL_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000; // China has no daylight saving time

const yuanAmount = (label: string) =>
  z
    .string({ message: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .transform((value, ctx) => {
      const checked = checkYuanAmount(label, value);
      if (checked.ok) return checked.fen;
      ctx.addIssue({ code: "custom", message: checked.issue });
      return z.NEVER;
    });

const optionInput = z.object({
  value: z.string().regex(/^[a-z0-9_-]{1,40}$/, "选项标识不正确"),
  label: z.string({ message: "请填写选项内容" }).trim().min(1, "选项内容不能为空").max(200, "选项内容不能超过 200 个字"),
});

const itemInput = z.object({
  id: safeId("商品"),
  name: z.string({ message: "请填写商品名称" }).trim().min(1, "商品名称不能为空").max(100, "商品名称不能超过 100 个字"),
  priceYuan: yuanAmount("单价"),
  stock: z.number({ message: "库存应为整数" }).int("库存应为整数").min(0, "库存不能为负数").max(1_000_000, "库存过大").nullable().default(null),
  maxPerOrder: z.number({ message: "每单限购应为整数" }).int("每单限购应为整数").min(1, "每单限购至少为 1").max(999, "每单限购不能超过 999").nullable().default(null),
});

const paymentInput = z.discriminatedUnion(
  "mode",
  [
    z.object({ mode: z.literal("fixed"), amountYuan: yuanAmount("金额") }),
    z.object({ mode: z.literal("custom"), minYuan: yuanAmount("最低金额"), maxYuan: yuanAmount("最高金额") }),
    z.object({ mode: z.literal("items"), items: z.array(itemInput).min(1, "至少需要一个商品").max(100, "商品不能超过 100 个") }),
  ],
  { message: "请选择收费方式：固定金额、付款人填写金额或按商品计价" },
);

const optionalNumber = (label: string) => z.number({ message: `${label}应为数字` }).refine(Number.isFinite, `${label}应为数字`).nullable().default(null);

const fieldInput = z.object({
  id: safeId("字段"),
  type: z.enum(FIELD_TYPES, { message: "字段类型不正确" }),
  label: z.string({ message: "请填写字段标题" }).trim().min(1, "请填写字段标题").max(100, "字段标题不能超过 100 个字"),
  required: z.boolean().default(false),
  help: z.string().trim().max(500, "说明不能超过 500 个字").default(""),
  options: z.array(optionInput).max(100, "选项不能超过 100 个").default([]),
  min: optionalNumber("最小值"),
  max: optionalNumber("最大值"),
  payment: paymentInput.nullable().default(null),
}).superRefine((field, ctx) => {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
  if (field.type === "single_choice" || field.type === "multiple_choice") {
    if (!field.options.length) issue(["options"], "选择题至少需要一个选项");
    const values = new Set<string>();
    field.options.forEach((o, j) => {
      if (values.has(o.value)) issue(["options", j, "value"], "选项标识重复");
      values.add(o.value);
    });
  }
  if (field.type === "number" && field.min !== null && field.max !== null && field.min > field.max) issue(["max"], "最大值不能小于最小值");
  if (field.type !== "payment") return;
  if (!field.payment) issue(["payment"], "请设置收费方式");
  else if (field.payment.mode === "custom" && field.payment.minYuan > field.payment.maxYuan) issue(["payment", "maxYuan"], "最高金额不能低于最低金额");
  else if (field.payment.mode === "items") {
    const itemIds = new Set<string>();
    field.payment.items.forEach((item, j) => {
      if (itemIds.has(item.id)) issue(["payment", "items", j, "id"], "商品标识重复");
      itemIds.add(item.id);
    });
  }
});

export const formInput = z
  .object({
    title: z.string({ message: "请填写表单标题" }).trim().min(1, "请填写表单标题").max(100, "表单标题不能超过 100 个字"),
    description: z.string().trim().max(2000, "表单说明不能超过 2000 个字").default(""),
    slug: z.union([z.literal(""), z.string().trim().regex(SLUG, "链接标识只能包含小写字母、数字和横线，3–40 个字符")]).default(""),
    fields: z.array(fieldInput, { message: "字段列表不正确" }).min(1, "至少需要一个字段").max(100, "字段不能超过 100 个"),
    methods: z.array(z.enum(PAYMENT_METHODS, { message: "支付方式只能是微信支付或支付宝" })).default([]),
    wechatAccountId: z.number().int().positive("收款账户不正确").nullable().default(null),
    alipayAccountId: z.number().int().positive("收款账户不正确").nullable().default(null),
    deadlineAt: z.string().regex(LOCAL_DATETIME, "截止时间格式应为 2026-01-31T18:00").nullable().default(null),
    maxPaidSubmissions: z.number({ message: "名额上限应为整数" }).int("名额上限应为整数").min(1, "名额上限至少为 1").max(1_000_000, "名额上限过大").nullable().default(null),
    /** The version the editor loaded; a save over someone else's newer edit is refused. */
    version: z.number().int().optional(),
  })
  .superRefine((form, ctx) => {
    // Runs once every field parsed; per-field rules are in fieldInput, so they report even when this does not.
    const ids = new Set<string>();
    form.fields.forEach((field, i) => {
      if (ids.has(field.id)) ctx.addIssue({ code: "custom", path: ["fields", i, "id"], message: `字段标识重复：${field.id}` });
      ids.add(field.id);
    });
    const payments = form.fields.filter((f) => f.type === "payment").length;
    if (payments > 1) ctx.addIssue({ code: "custom", path: ["fields"], message: "一个表单只能有一个付款字段" });
    if (payments === 1 && !form.methods.length) ctx.addIssue({ code: "custom", path: ["methods"], message: "请至少选择一种支付方式" });
  });
export type FormInput = z.input<typeof formInput>;
type ParsedInput = z.output<typeof formInput>;

export interface FormChanges {
  title: string;
  description: string;
  slug: string | null;
  definition: FormDefinition;
  wechatAccountId: number | null;
  alipayAccountId: number | null;
  deadlineAt: number | null;
  maxPaidSubmissions: number | null;
  version?: number;
}

function toField(field: ParsedInput["fields"][number]): FormField {
  const base: FormField = { id: field.id, type: field.type, label: field.label, required: field.required };
  if (field.help) base.help = field.help;
  if (field.type === "single_choice" || field.type === "multiple_choice") base.options = field.options;
  if (field.type === "number") {
    if (field.min !== null) base.min = field.min;
    if (field.max !== null) base.max = field.max;
  }
  if (field.type === "payment" && field.payment) base.payment = toPayment(field.payment);
  return base;
}

function toPayment(p: NonNullable<ParsedInput["fields"][number]["payment"]>): PaymentConfig {
  switch (p.mode) {
    case "fixed":
      return { mode: "fixed", amountFen: p.amountYuan };
    case "custom":
      return { mode: "custom", minFen: p.minYuan, maxFen: p.maxYuan };
    case "items":
      return {
        mode: "items",
        items: p.items.map((i) => ({
          id: i.id,
          name: i.name,
          priceFen: i.priceYuan,
          ...(i.stock !== null ? { stock: i.stock } : {}),
          ...(i.maxPerOrder !== null ? { maxPerOrder: i.maxPerOrder } : {}),
        })),
      };
  }
}

/** Parses the builder's body; throws AppError 422 with per-field details. */
export function parseFormInput(body: unknown): FormChanges {
  const parsed = formInput.safeParse(body, { error: zhCN().localeError });
  if (!parsed.success) throw new AppError("unprocessable_entity", "请检查表单设置", zodDetails(parsed.error));
  const input = parsed.data;
  const hasPayment = input.fields.some((f) => f.type === "payment");
  const candidate = {
    fields: input.fields.map(toField),
    // A form without a payment field keeps the default methods; they are never offered.
    methods: hasPayment ? [...new Set(input.methods)] : [...PAYMENT_METHODS],
  };
  // The stored shape is checked by the one schema everything else reads.
  const definition = formDefinition.safeParse(candidate, { error: zhCN().localeError });
  if (!definition.success) throw new AppError("unprocessable_entity", "请检查表单设置", zodDetails(definition.error));
  return {
    title: input.title,
    description: input.description,
    slug: input.slug || null,
    definition: definition.data,
    wechatAccountId: hasPayment ? input.wechatAccountId : null,
    alipayAccountId: hasPayment ? input.alipayAccountId : null,
    deadlineAt: input.deadlineAt === null ? null : Date.parse(`${input.deadlineAt}:00Z`) - BEIJING_OFFSET_MS,
    maxPaidSubmissions: input.maxPaidSubmissions,
    version: input.version,
  };
}

export function beijingLocal(ms: number): string {
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 16);
}

/** The builder's view of a stored form (the inverse of parseFormInput). */
export function toFormInput(row: {
  title: string;
  description: string;
  slug: string;
  version: number;
  wechatAccountId: number | null;
  alipayAccountId: number | null;
  deadlineAt: number | null;
  maxPaidSubmissions: number | null;
}, definition: FormDefinition) {
  return {
    title: row.title,
    description: row.description,
    slug: row.slug,
    version: row.version,
    fields: definition.fields.map((f) => ({
      id: f.id,
      type: f.type,
      label: f.label,
      required: f.required,
      help: f.help ?? "",
      options: f.options ?? [],
      min: f.min ?? null,
      max: f.max ?? null,
      payment: f.payment ? paymentToInput(f.payment) : null,
    })),
    methods: [...definition.methods],
    wechatAccountId: row.wechatAccountId,
    alipayAccountId: row.alipayAccountId,
    deadlineAt: row.deadlineAt === null ? null : beijingLocal(row.deadlineAt),
    maxPaidSubmissions: row.maxPaidSubmissions,
  };
}
export type EditorForm = ReturnType<typeof toFormInput>;
export type EditorField = EditorForm["fields"][number];
export type EditorPayment = NonNullable<EditorField["payment"]>;

function paymentToInput(p: PaymentConfig) {
  switch (p.mode) {
    case "fixed":
      return { mode: "fixed" as const, amountYuan: toYuan(p.amountFen) };
    case "custom":
      return { mode: "custom" as const, minYuan: toYuan(p.minFen), maxYuan: toYuan(p.maxFen) };
    case "items":
      return {
        mode: "items" as const,
        items: p.items.map((i) => ({ id: i.id, name: i.name, priceYuan: toYuan(i.priceFen), stock: i.stock ?? null, maxPerOrder: i.maxPerOrder ?? null })),
      };
  }
}
