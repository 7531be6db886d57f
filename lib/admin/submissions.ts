// Submissions of one form as a table: columns are the current fields, then fields that only
// older versions asked (from the submissions' own snapshots), so nothing stored is hidden.
// Each answer is shown through the field definition it was given under.
import "server-only";
import { z } from "zod";
import { getDb, type DbOrTx } from "@/db/client";
import { getFormById, type FormRow } from "@/db/queries/forms";
import { countSubmissions, orderNosOf, pageOfSubmissions, snapshotsByVersion, type PaymentStatus, type SubmissionFilter } from "@/db/queries/admin-submissions";
import type { SubmissionRow } from "@/db/queries/submissions";
import { AppError } from "@/lib/errors";
import { parseDefinition, type FieldType, type FormField } from "@/lib/forms/definition";
import { ownValue } from "@/lib/forms/own";
import { toYuan } from "@/lib/money";
import { beijingDateTime } from "./beijing-time";

export const PAYMENT_STATUS_LABEL: Record<PaymentStatus, string> = {
  none: "无需支付",
  unpaid: "未支付",
  paid: "已支付",
  refunded: "已退款",
};

export const submissionQuery = z.object({
  status: z.enum(["none", "unpaid", "paid", "refunded"], { message: "支付状态只能是 none、unpaid、paid 或 refunded" }).optional(),
  q: z.string().trim().max(100, "搜索内容不能超过 100 个字").optional(),
  before: z.coerce.number({ message: "before 应为提交编号" }).int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export function parseSubmissionQuery(url: string) {
  const params = Object.fromEntries([...new URL(url).searchParams].filter(([, v]) => v !== ""));
  const query = submissionQuery.parse(params);
  const filter: SubmissionFilter = { paymentStatus: query.status, q: query.q || undefined };
  return { filter, before: query.before ?? null, limit: query.limit };
}

export interface SubmissionColumn {
  id: string;
  label: string;
  type: FieldType;
  /** false: asked only by an earlier version of the form. */
  current: boolean;
}

export async function loadFormRow(db: DbOrTx, formId: number): Promise<FormRow> {
  const row = Number.isSafeInteger(formId) ? await getFormById(db, formId) : undefined;
  if (!row) throw new AppError("not_found", "表单不存在");
  return row;
}

export async function submissionColumns(db: DbOrTx, form: FormRow): Promise<SubmissionColumn[]> {
  const columns: SubmissionColumn[] = parseDefinition(form.definitionJson).fields.map((f) => ({
    id: f.id,
    label: f.label,
    type: f.type,
    current: true,
  }));
  const seen = new Set(columns.map((c) => c.id));
  for (const { fieldsJson } of await snapshotsByVersion(db, form.id)) {
    for (const f of JSON.parse(fieldsJson) as FormField[]) {
      if (seen.has(f.id)) continue;
      seen.add(f.id);
      columns.push({ id: f.id, label: `${f.label}（已移除）`, type: f.type, current: false });
    }
  }
  return columns;
}

/** An answer as text, read with the field definition the payer saw. */
export function formatAnswer(field: FormField | undefined, value: unknown): string {
  if (value === undefined || value === null || value === "") return "";
  const labelOf = (v: string) => field?.options?.find((o) => o.value === v)?.label ?? v;
  switch (field?.type) {
    case "single_choice":
      return labelOf(String(value));
    case "multiple_choice":
      return Array.isArray(value) ? value.map((v) => labelOf(String(v))).join("、") : String(value);
    case "payment": {
      if (typeof value !== "object" || field.payment?.mode !== "items") return "";
      const items = field.payment.items;
      return Object.entries(value as Record<string, number>)
        .filter(([, quantity]) => quantity > 0)
        .map(([id, quantity]) => `${items.find((i) => i.id === id)?.name ?? id} ×${quantity}`)
        .join("；");
    }
    default:
      if (Array.isArray(value)) return value.map(String).join("、");
      return typeof value === "object" ? JSON.stringify(value) : String(value);
  }
}

export interface SubmissionView {
  id: number;
  createdAt: number;
  createdAtText: string;
  formVersion: number;
  paymentStatus: PaymentStatus;
  paymentStatusText: string;
  amountFen: number;
  amountYuan: string;
  orders: { orderNo: string; status: string }[];
  /** column id → answer text */
  cells: Record<string, string>;
}

export async function viewSubmissions(db: DbOrTx, rows: SubmissionRow[], columns: SubmissionColumn[]): Promise<SubmissionView[]> {
  const orders = await orderNosOf(db, rows.map((r) => r.id));
  return rows.map((row) => {
    const snapshot = new Map((JSON.parse(row.fieldsSnapshotJson) as FormField[]).map((f) => [f.id, f]));
    const answers = JSON.parse(row.answersJson) as Record<string, unknown>;
    // Own keys only, both ways: an old snapshot's "constructor" or "__proto__" column is a cell like any other.
    const cells: Record<string, string> = Object.fromEntries(
      columns.map((column) => [column.id, formatAnswer(snapshot.get(column.id), ownValue(answers, column.id))]),
    );
    return {
      id: row.id,
      createdAt: row.createdAt,
      createdAtText: beijingDateTime(row.createdAt),
      formVersion: row.formVersion,
      paymentStatus: row.paymentStatus,
      paymentStatusText: PAYMENT_STATUS_LABEL[row.paymentStatus],
      amountFen: row.amountFen,
      amountYuan: toYuan(row.amountFen),
      orders: orders.get(row.id) ?? [],
      cells,
    };
  });
}

export async function listSubmissions(formId: number, filter: SubmissionFilter, before: number | null, limit: number) {
  const db = getDb();
  const form = await loadFormRow(db, formId);
  const [columns, rows] = await Promise.all([submissionColumns(db, form), pageOfSubmissions(db, form.id, filter, before, limit + 1)]);
  const page = rows.slice(0, limit);
  return {
    form: { id: form.id, title: form.title, slug: form.slug, version: form.version },
    columns,
    submissions: await viewSubmissions(db, page, columns),
    nextBefore: rows.length > limit ? page[page.length - 1].id : null,
  };
}

/** How many of a form's submissions match the filter (the list shows it beside the pages). */
export async function submissionTotal(formId: number, filter: SubmissionFilter): Promise<number> {
  return countSubmissions(getDb(), formId, filter);
}
