// The builder's editing state (inputs as typed strings) and its conversion to the API's body.
// Amounts stay yuan strings: the server converts them with parseYuan and reports bad ones per field.
import type { EditorForm } from "@/lib/admin/forms-input";
import { checkYuanAmount } from "@/lib/forms/amount-check";
import { idIssue, type FieldType } from "@/lib/forms/definition";

export interface UiItem {
  /** React's key: stays put while the admin edits the id. */
  key: string;
  id: string;
  name: string;
  priceYuan: string;
  stock: string;
  maxPerOrder: string;
}
export interface UiPayment {
  mode: "fixed" | "custom" | "items";
  amountYuan: string;
  minYuan: string;
  maxYuan: string;
  items: UiItem[];
}
export interface UiField {
  key: string;
  id: string;
  type: FieldType;
  label: string;
  required: boolean;
  help: string;
  options: { value: string; label: string }[];
  min: string;
  max: string;
  payment: UiPayment | null;
}
export interface UiForm {
  title: string;
  description: string;
  slug: string;
  version?: number;
  fields: UiField[];
  methods: ("wechat" | "alipay")[];
  wechatAccountId: number | null;
  alipayAccountId: number | null;
  deadlineAt: string;
  maxPaidSubmissions: string;
}

export const FIELD_TYPE_LABEL: Record<FieldType, string> = {
  text: "单行文字",
  textarea: "多行文字",
  phone: "手机号",
  email: "邮箱",
  number: "数字",
  single_choice: "单选",
  multiple_choice: "多选",
  date: "日期",
  payment: "付款",
};

/** Ids are random, never reused: a new field must not inherit an old field's stored answers. */
export function newId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return prefix + Array.from(bytes, (b) => "abcdefghijkmnpqrstuvwxyz23456789"[b % 32]).join("");
}

const text = (n: number | null | undefined) => (n === null || n === undefined ? "" : String(n));

export function emptyPayment(): UiPayment {
  return { mode: "fixed", amountYuan: "", minYuan: "", maxYuan: "", items: [newItem()] };
}
export function newItem(): UiItem {
  return { key: newId("k"), id: newId("i"), name: "", priceYuan: "", stock: "", maxPerOrder: "" };
}

export function newField(type: FieldType): UiField {
  const isChoice = type === "single_choice" || type === "multiple_choice";
  return {
    key: newId("k"),
    id: newId("f_"),
    type,
    label: type === "payment" ? "费用" : "",
    required: type !== "payment" && type !== "textarea",
    help: "",
    options: isChoice ? [{ value: newId("o"), label: "" }] : [],
    min: "",
    max: "",
    payment: type === "payment" ? emptyPayment() : null,
  };
}

export function emptyForm(): UiForm {
  return {
    title: "",
    description: "",
    slug: "",
    fields: [{ ...newField("text"), label: "姓名" }, { ...newField("phone"), label: "手机号" }],
    methods: ["wechat", "alipay"],
    wechatAccountId: null,
    alipayAccountId: null,
    deadlineAt: "",
    maxPaidSubmissions: "",
  };
}

export function fromEditor(form: EditorForm): UiForm {
  return {
    title: form.title,
    description: form.description,
    slug: form.slug,
    version: form.version,
    fields: form.fields.map((f) => {
      const payment: UiPayment | null = f.payment ? { ...emptyPayment(), items: [] } : null;
      if (payment && f.payment) {
        payment.mode = f.payment.mode;
        if (f.payment.mode === "fixed") payment.amountYuan = f.payment.amountYuan;
        if (f.payment.mode === "custom") Object.assign(payment, { minYuan: f.payment.minYuan, maxYuan: f.payment.maxYuan });
        if (f.payment.mode === "items") {
          payment.items = f.payment.items.map((i) => ({ ...i, key: newId("k"), stock: text(i.stock), maxPerOrder: text(i.maxPerOrder) }));
        }
        if (!payment.items.length) payment.items = [newItem()];
      }
      return { ...f, key: newId("k"), min: text(f.min), max: text(f.max), payment };
    }),
    methods: form.methods,
    wechatAccountId: form.wechatAccountId,
    alipayAccountId: form.alipayAccountId,
    deadlineAt: form.deadlineAt ?? "",
    maxPaidSubmissions: text(form.maxPaidSubmissions),
  };
}

export interface IdProblem {
  field: string;
  issue: string;
}

/**
 * The field and item ids the server would refuse, at the paths it reports them (fields.0.id),
 * so the builder can refuse to save and say why next to the id box.
 */
export function idProblems(form: UiForm): IdProblem[] {
  const problems: IdProblem[] = [];
  const check = (ids: string[], path: (i: number) => string, what: string) => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      const issue = idIssue(id, what) ?? (seen.has(id) ? `${what}标识重复：${id}` : null);
      if (issue) problems.push({ field: path(i), issue });
      seen.add(id);
    });
  };
  check(form.fields.map((f) => f.id), (i) => `fields.${i}.id`, "字段");
  form.fields.forEach((f, i) => {
    if (f.type === "payment" && f.payment?.mode === "items") {
      check(f.payment.items.map((item) => item.id), (j) => `fields.${i}.payment.items.${j}.id`, "商品");
    }
  });
  return problems;
}

/**
 * What the builder can tell before saving, at the paths the server reports (fields.2.payment.
 * items.0.priceYuan): bad ids and amounts that are no yuan amount, in the server's own words.
 */
export function localProblems(form: UiForm): IdProblem[] {
  const problems = idProblems(form);
  const amount = (path: string, label: string, typed: string) => {
    const checked = checkYuanAmount(label, typed);
    if (!checked.ok) problems.push({ field: path, issue: checked.issue });
  };
  form.fields.forEach((f, i) => {
    const p = f.type === "payment" ? f.payment : null;
    const path = `fields.${i}.payment`;
    if (p?.mode === "fixed") amount(`${path}.amountYuan`, "金额", p.amountYuan);
    if (p?.mode === "custom") {
      amount(`${path}.minYuan`, "最低金额", p.minYuan);
      amount(`${path}.maxYuan`, "最高金额", p.maxYuan);
    }
    if (p?.mode === "items") p.items.forEach((item, j) => amount(`${path}.items.${j}.priceYuan`, "单价", item.priceYuan));
  });
  return problems;
}

// Blank means "none"; anything unparsable goes to the server as typed so its message names the field.
function intOrNull(value: string): number | null | string {
  const v = value.trim();
  if (!v) return null;
  return /^-?\d+$/.test(v) ? Number(v) : v;
}
function numberOrNull(value: string): number | null | string {
  const v = value.trim();
  if (!v) return null;
  return Number.isFinite(Number(v)) ? Number(v) : v;
}

export function toBody(form: UiForm) {
  return {
    title: form.title,
    description: form.description,
    slug: form.slug,
    version: form.version,
    fields: form.fields.map((f) => ({
      id: f.id,
      type: f.type,
      label: f.label,
      required: f.required,
      help: f.help,
      options: f.type === "single_choice" || f.type === "multiple_choice" ? f.options : [],
      min: f.type === "number" ? numberOrNull(f.min) : null,
      max: f.type === "number" ? numberOrNull(f.max) : null,
      payment: f.type === "payment" && f.payment ? paymentBody(f.payment) : null,
    })),
    methods: form.methods,
    wechatAccountId: form.methods.includes("wechat") ? form.wechatAccountId : null,
    alipayAccountId: form.methods.includes("alipay") ? form.alipayAccountId : null,
    deadlineAt: form.deadlineAt || null,
    maxPaidSubmissions: intOrNull(form.maxPaidSubmissions),
  };
}

function paymentBody(p: UiPayment) {
  switch (p.mode) {
    case "fixed":
      return { mode: "fixed", amountYuan: p.amountYuan };
    case "custom":
      return { mode: "custom", minYuan: p.minYuan, maxYuan: p.maxYuan };
    case "items":
      return {
        mode: "items",
        items: p.items.map((i) => ({ id: i.id, name: i.name, priceYuan: i.priceYuan, stock: intOrNull(i.stock), maxPerOrder: intOrNull(i.maxPerOrder) })),
      };
  }
}
