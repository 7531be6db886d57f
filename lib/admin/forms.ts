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
import { publicFormView } from "@/lib/forms/public-form";
import { remainingStock } from "@/lib/forms/stock";
import { parseFormInput, toFormInput, type FormChanges } from "./forms-input";
import { isUniqueViolation } from "@/db/unique-violation";

export function publicUrlOf(slug: string): string {
  return `${settings().SERVER_BASE_URL}/f/${slug}`;
}

export async function listForms() {
  return (await listFormsWithCounts(getDb())).map(({ form, submissionCount, paidCount, paidFen }) => ({
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
export type FormSummary = Awaited<ReturnType<typeof listForms>>[number];

async function loadForm(db: DbOrTx, id: number): Promise<{ row: FormRow; definition: FormDefinition }> {
  const row = Number.isSafeInteger(id) ? await getFormById(db, id) : undefined;
  if (!row) throw new AppError("not_found", "表单不存在");
  return { row, definition: parseDefinition(row.definitionJson) };
}

export async function getAdminForm(id: number) {
  const db = getDb();
  const { row, definition } = await loadForm(db, id);
  const remaining = await remainingStock(db, row.id, definition);
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
export type AdminForm = Awaited<ReturnType<typeof getAdminForm>>;

/** The saved version as the payer's page renders it (whatever its status), or null when there is no such form. */
export async function previewForm(id: number) {
  const row = Number.isSafeInteger(id) ? await getFormById(getDb(), id) : undefined;
  if (!row) return null;
  return { id: row.id, view: await publicFormView({ row, definition: parseDefinition(row.definitionJson) }) };
}

/** Account choices per method: null is the account from the environment. */
export async function accountOptions() {
  const rows = await enabledAccountsOf(getDb());
  const envOption = { id: null, label: "环境变量中的账户" };
  const of = (provider: "wechat" | "alipay") => [
    envOption,
    ...rows.filter((r) => r.provider === provider).map((r) => ({ id: r.id as number | null, label: `${r.name}（${r.merchantId}）` })),
  ];
  return { wechat: of("wechat"), alipay: of("alipay") };
}
export type AccountOptions = Awaited<ReturnType<typeof accountOptions>>;

async function checkAccounts(db: DbOrTx, changes: Pick<FormChanges, "wechatAccountId" | "alipayAccountId">): Promise<void> {
  const details: ErrorDetail[] = [];
  for (const [provider, id, field, name] of [
    ["wechat", changes.wechatAccountId, "wechatAccountId", "微信支付"],
    ["alipay", changes.alipayAccountId, "alipayAccountId", "支付宝"],
  ] as const) {
    if (id === null) continue;
    const account = await accountProvider(db, id);
    if (!account || account.provider !== provider || !account.enabled) {
      details.push({ field, issue: `所选${name}收款账户不存在或已停用` });
    }
  }
  if (details.length) throw new AppError("unprocessable_entity", "请检查收款账户", details);
}

async function newSlug(db: DbOrTx): Promise<string> {
  for (;;) {
    // 8 characters of [a-z0-9]: short enough to type from a poster, too many to guess.
    const slug = Array.from(crypto.randomBytes(8), (b) => "abcdefghijkmnpqrstuvwxyz23456789"[b % 32]).join("");
    if (!(await slugTaken(db, slug))) return slug;
  }
}

function slugConflict(): AppError {
  return new AppError("conflict", "该链接标识已被其他表单使用", [{ field: "slug", issue: "该链接标识已被其他表单使用" }]);
}

const isSlugTaken = (error: unknown) => isUniqueViolation(error, "forms", "slug");

export async function createForm(body: unknown): Promise<AdminForm> {
  const changes = parseFormInput(body);
  const db = getDb();
  await checkAccounts(db, changes);
  if (changes.slug && (await slugTaken(db, changes.slug))) throw slugConflict();
  const now = Date.now();
  let row: FormRow;
  try {
    // The unique index decides a race for one slug: the loser gets the 409.
    row = await insertForm(db, {
      slug: changes.slug ?? (await newSlug(db)),
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
  } catch (error) {
    if (isSlugTaken(error)) throw slugConflict();
    throw error;
  }
  return getAdminForm(row.id);
}

export async function updateForm(id: number, body: unknown): Promise<AdminForm> {
  const changes = parseFormInput(body);
  const db = getDb();
  const { row } = await loadForm(db, id);
  await checkAccounts(db, changes);
  if (changes.slug && changes.slug !== row.slug) {
    // A shared link must keep working: the slug is fixed once the form has been published.
    if (row.status !== "draft") {
      throw new AppError("unprocessable_entity", "已发布过的表单不能修改链接标识", [{ field: "slug", issue: "已发布过的表单不能修改链接标识" }]);
    }
    if (await slugTaken(db, changes.slug)) throw slugConflict();
  }
  const expected = changes.version ?? row.version;
  let updated: FormRow | undefined;
  try {
    // Safe against a concurrent save: the update applies only at the version this edit started from.
    updated = await updateFormIfVersion(db, row.id, expected, {
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
    if (isSlugTaken(error)) throw slugConflict();
    throw error;
  }
  if (!updated) throw new AppError("conflict", "表单已在别处被修改，请刷新页面后再编辑");
  return getAdminForm(updated.id);
}

export async function publishForm(id: number): Promise<AdminForm> {
  const db = getDb();
  const { row } = await loadForm(db, id);
  if (row.status === "published") return getAdminForm(id);
  if (row.deadlineAt !== null && row.deadlineAt <= Date.now()) {
    throw new AppError("unprocessable_entity", "截止时间已过，请先修改截止时间再发布", [{ field: "deadlineAt", issue: "截止时间已过" }]);
  }
  await checkAccounts(db, row); // an account may have been disabled since the form was saved
  if (!(await setFormStatus(db, id, ["draft", "closed"], "published"))) throw new AppError("conflict", "表单状态已变化，请刷新页面");
  return getAdminForm(id);
}

export async function closeForm(id: number): Promise<AdminForm> {
  const db = getDb();
  const { row } = await loadForm(db, id);
  if (row.status === "closed") return getAdminForm(id);
  if (row.status === "draft") throw new AppError("conflict", "表单尚未发布，无需关闭");
  if (!(await setFormStatus(db, id, ["published"], "closed"))) throw new AppError("conflict", "表单状态已变化，请刷新页面");
  return getAdminForm(id);
}

/** A new draft with the same fields and settings, its own link and no submissions. */
export async function duplicateForm(id: number): Promise<AdminForm> {
  const db = getDb();
  const { row } = await loadForm(db, id);
  const now = Date.now();
  const copy = await insertForm(db, {
    slug: await newSlug(db),
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
