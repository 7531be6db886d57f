// Admin operations on forms: list, read for the builder, create, edit, publish, close, duplicate.
// Edits bump forms.version; submissions keep the fields they answered (fields_snapshot_json),
// so an edit never changes what a stored answer meant.
import "server-only";
import crypto from "node:crypto";
import { getDb, type DbOrTx } from "@/db/client";
import { getFormById, insertForm, type FormRow } from "@/db/queries/forms";
import { accountProvider, enabledAccountsOf, listFormsWithCounts, setFormStatus, slugTaken, updateFormIfVersion } from "@/db/queries/admin-forms";
import { AppError, type ErrorDetail } from "@/lib/errors";
import { settings } from "@/lib/env";
import { paymentField, parseDefinition, type FormDefinition } from "@/lib/forms/definition";
import { remainingStock } from "@/lib/forms/stock";
import { parseFormInput, toFormInput, type FormChanges } from "./forms-input";

export function publicUrlOf(slug: string): string {
  return `${settings().SERVER_BASE_URL}/f/${slug}`;
}

export function listForms() {
  return listFormsWithCounts(getDb()).map(({ form, submissionCount, paidCount, paidFen }) => ({
    id: form.id,
    slug: form.slug,
    title: form.title,
    status: form.status,
    version: form.version,
    deadlineAt: form.deadlineAt,
    submissionCount,
    paidCount,
    paidFen,
    publicUrl: publicUrlOf(form.slug),
    updatedAt: form.updatedAt,
  }));
}
export type FormSummary = ReturnType<typeof listForms>[number];

function loadForm(db: DbOrTx, id: number): { row: FormRow; definition: FormDefinition } {
  const row = Number.isSafeInteger(id) ? getFormById(db, id) : undefined;
  if (!row) throw new AppError("not_found", "表单不存在");
  return { row, definition: parseDefinition(row.definitionJson) };
}

export function getAdminForm(id: number) {
  const db = getDb();
  const { row, definition } = loadForm(db, id);
  const remaining = remainingStock(db, row.id, definition);
  const items = paymentField(definition)?.payment;
  return {
    id: row.id,
    slug: row.slug,
    status: row.status,
    version: row.version,
    publicUrl: publicUrlOf(row.slug),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    input: toFormInput(row, definition),
    /** itemId → units offered and left, for stock-limited items. */
    stock: Object.fromEntries(
      items?.mode === "items"
        ? items.items.filter((i) => i.stock != null).map((i) => [i.id, { stock: i.stock!, remaining: remaining.get(i.id) ?? 0 }])
        : [],
    ),
  };
}
export type AdminForm = ReturnType<typeof getAdminForm>;

/** Account choices per method: null is the account from the environment. */
export function accountOptions() {
  const rows = enabledAccountsOf(getDb());
  const envOption = { id: null, label: "环境变量中的账户" };
  const of = (provider: "wechat" | "alipay") => [
    envOption,
    ...rows.filter((r) => r.provider === provider).map((r) => ({ id: r.id as number | null, label: `${r.name}（${r.merchantId}）` })),
  ];
  return { wechat: of("wechat"), alipay: of("alipay") };
}
export type AccountOptions = ReturnType<typeof accountOptions>;

function checkAccounts(db: DbOrTx, changes: Pick<FormChanges, "wechatAccountId" | "alipayAccountId">): void {
  const details: ErrorDetail[] = [];
  for (const [provider, id, field, name] of [
    ["wechat", changes.wechatAccountId, "wechatAccountId", "微信支付"],
    ["alipay", changes.alipayAccountId, "alipayAccountId", "支付宝"],
  ] as const) {
    if (id === null) continue;
    const account = accountProvider(db, id);
    if (!account || account.provider !== provider || !account.enabled) {
      details.push({ field, issue: `所选${name}收款账户不存在或已停用` });
    }
  }
  if (details.length) throw new AppError("unprocessable_entity", "请检查收款账户", details);
}

function newSlug(db: DbOrTx): string {
  for (;;) {
    // 8 characters of [a-z0-9]: short enough to type from a poster, too many to guess.
    const slug = Array.from(crypto.randomBytes(8), (b) => "abcdefghijkmnpqrstuvwxyz23456789"[b % 32]).join("");
    if (!slugTaken(db, slug)) return slug;
  }
}

function slugConflict(): AppError {
  return new AppError("conflict", "该链接标识已被其他表单使用", [{ field: "slug", issue: "该链接标识已被其他表单使用" }]);
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && /UNIQUE constraint failed: forms\.slug/.test(error.message);
}

export function createForm(body: unknown): AdminForm {
  const changes = parseFormInput(body);
  const db = getDb();
  checkAccounts(db, changes);
  if (changes.slug && slugTaken(db, changes.slug)) throw slugConflict();
  const now = Date.now();
  try {
    const row = insertForm(db, {
      slug: changes.slug ?? newSlug(db),
      title: changes.title,
      description: changes.description,
      status: "draft",
      definitionJson: JSON.stringify(changes.definition),
      deadlineAt: changes.deadlineAt,
      maxPaidSubmissions: changes.maxPaidSubmissions,
      wechatAccountId: changes.wechatAccountId,
      alipayAccountId: changes.alipayAccountId,
      createdAt: now,
      updatedAt: now,
    });
    return getAdminForm(row.id);
  } catch (error) {
    if (isUniqueViolation(error)) throw slugConflict();
    throw error;
  }
}

export function updateForm(id: number, body: unknown): AdminForm {
  const changes = parseFormInput(body);
  const db = getDb();
  const { row } = loadForm(db, id);
  checkAccounts(db, changes);
  if (changes.slug && changes.slug !== row.slug) {
    // A shared link must keep working: the slug is fixed once the form has been published.
    if (row.status !== "draft") {
      throw new AppError("unprocessable_entity", "已发布过的表单不能修改链接标识", [{ field: "slug", issue: "已发布过的表单不能修改链接标识" }]);
    }
    if (slugTaken(db, changes.slug)) throw slugConflict();
  }
  const expected = changes.version ?? row.version;
  let updated: FormRow | undefined;
  try {
    updated = updateFormIfVersion(db, row.id, expected, {
      slug: changes.slug ?? row.slug,
      title: changes.title,
      description: changes.description,
      definitionJson: JSON.stringify(changes.definition),
      deadlineAt: changes.deadlineAt,
      maxPaidSubmissions: changes.maxPaidSubmissions,
      wechatAccountId: changes.wechatAccountId,
      alipayAccountId: changes.alipayAccountId,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw slugConflict();
    throw error;
  }
  if (!updated) throw new AppError("conflict", "表单已在别处被修改，请刷新页面后再编辑");
  return getAdminForm(updated.id);
}

export function publishForm(id: number): AdminForm {
  const db = getDb();
  const { row } = loadForm(db, id);
  if (row.status === "published") return getAdminForm(id);
  if (row.deadlineAt !== null && row.deadlineAt <= Date.now()) {
    throw new AppError("unprocessable_entity", "截止时间已过，请先修改截止时间再发布", [{ field: "deadlineAt", issue: "截止时间已过" }]);
  }
  checkAccounts(db, row); // an account may have been disabled since the form was saved
  if (!setFormStatus(db, id, ["draft", "closed"], "published")) throw new AppError("conflict", "表单状态已变化，请刷新页面");
  return getAdminForm(id);
}

export function closeForm(id: number): AdminForm {
  const db = getDb();
  const { row } = loadForm(db, id);
  if (row.status === "closed") return getAdminForm(id);
  if (row.status === "draft") throw new AppError("conflict", "表单尚未发布，无需关闭");
  if (!setFormStatus(db, id, ["published"], "closed")) throw new AppError("conflict", "表单状态已变化，请刷新页面");
  return getAdminForm(id);
}

/** A new draft with the same fields and settings, its own link and no submissions. */
export function duplicateForm(id: number): AdminForm {
  const db = getDb();
  const { row } = loadForm(db, id);
  const now = Date.now();
  const copy = insertForm(db, {
    slug: newSlug(db),
    title: `${row.title}（副本）`.slice(0, 100),
    description: row.description,
    status: "draft",
    definitionJson: row.definitionJson,
    deadlineAt: row.deadlineAt,
    maxPaidSubmissions: row.maxPaidSubmissions,
    wechatAccountId: row.wechatAccountId,
    alipayAccountId: row.alipayAccountId,
    createdAt: now,
    updatedAt: now,
  });
  return getAdminForm(copy.id);
}
