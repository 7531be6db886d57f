// Receiving accounts from the admin pages: save (validated, secrets encrypted), edit (empty
// secrets keep the saved ones), enable/disable. Views never carry a secret.
import { X509Certificate } from "node:crypto";
import { getDb } from "@/db/client";
import { formsUsingAccounts, getAccount, insertAccount, listAccounts, updateAccount, type AccountRow } from "@/db/queries/accounts";
import { AppError } from "@/lib/errors";
import { SecretDecryptionError } from "@/lib/crypto/secrets";
import { settings } from "@/lib/env";
import { JSAPI_NEEDS_APP_SECRET } from "@/lib/payments/channel";
import { accountProvider, alipayAccountInput, SECRET_FIELDS, wechatAccountInput, type AccountInput } from "./schemas";
import { configOf, isWechatRow, openSecrets, sealSecrets } from "./stored";
import { pointsAtEmulator } from "./urls";
import { beijingDate } from "@/lib/admin/beijing-time";

export function parseAccountId(raw: string): number {
  if (!/^\d{1,10}$/.test(raw)) throw new AppError("not_found", "收款账户不存在");
  return Number(raw);
}

function parseInput(body: unknown): AccountInput {
  const { provider } = accountProvider.parse(body);
  return provider === "wechat" ? wechatAccountInput.parse(body) : alipayAccountInput.parse(body);
}

export async function createAccount(body: unknown): Promise<AccountSummary> {
  const input = parseInput(body);
  const now = Date.now();
  const row = await insertAccount(getDb(), {
    provider: input.provider,
    name: input.name,
    appId: input.appId,
    merchantId: input.merchantId,
    configJson: JSON.stringify(input.config),
    secretsEncrypted: sealSecrets(input.provider, input.secrets),
    enabled: true,
    createdAt: now,
    updatedAt: now,
  });
  return summaryOf(row, 0);
}

export async function editAccount(id: number, body: unknown): Promise<AccountSummary> {
  const db = getDb();
  const row = await requireAccount(id);
  const given = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const merged: Record<string, unknown> = { ...given, provider: row.provider };
  const missing = SECRET_FIELDS[row.provider].filter((f) => typeof given[f] !== "string" || given[f].trim() === "");
  if (missing.length) {
    let saved: Record<string, string>;
    try {
      saved = openSecrets(row) as unknown as Record<string, string>;
    } catch (error) {
      if (!(error instanceof SecretDecryptionError)) throw error;
      throw new AppError(
        "unprocessable_entity",
        "已保存的密钥无法解密（APP_ENCRYPTION_KEY 可能已更换），请重新填写全部密钥",
        missing.map((field) => ({ field, issue: "请重新填写" })),
      );
    }
    for (const field of missing) merged[field] = saved[field];
  }
  const input = parseInput(merged);
  const updated = await updateAccount(db, id, {
    name: input.name,
    appId: input.appId,
    merchantId: input.merchantId,
    configJson: JSON.stringify(input.config),
    secretsEncrypted: sealSecrets(input.provider, input.secrets),
  });
  return summaryOf(updated!, (await formsUsingAccounts(db)).get(id) ?? 0);
}

export async function setAccountEnabled(id: number, enabled: boolean): Promise<AccountSummary> {
  await requireAccount(id);
  const db = getDb();
  const updated = await updateAccount(db, id, { enabled });
  return summaryOf(updated!, (await formsUsingAccounts(db)).get(id) ?? 0);
}

async function requireAccount(id: number): Promise<AccountRow> {
  const row = await getAccount(getDb(), id);
  if (!row) throw new AppError("not_found", "收款账户不存在");
  return row;
}

export interface AccountSummary {
  id: number;
  provider: AccountRow["provider"];
  name: string;
  appId: string;
  merchantId: string;
  enabled: boolean;
  /** 公钥模式 / 平台证书模式 / 证书模式. */
  modeLabel: string;
  apiUrl: string;
  sandbox: boolean;
  usesEmulator: boolean;
  /** Forms whose payments go to this account. */
  formsUsing: number;
  certSerialNo: string | null;
  certValidTo: string | null;
  /** WeChat: whether payers inside WeChat can use 公众号支付; null for Alipay. */
  jsapi: { enabled: boolean; note: string | null } | null;
  updatedAt: number;
}

export function summaryOf(row: AccountRow, formsUsing: number): AccountSummary {
  const base = settings().SERVER_BASE_URL;
  const common = {
    id: row.id,
    provider: row.provider,
    name: row.name,
    appId: row.appId,
    merchantId: row.merchantId,
    enabled: row.enabled,
    formsUsing,
    updatedAt: row.updatedAt,
  };
  if (isWechatRow(row)) {
    const c = configOf(row);
    return {
      ...common,
      modeLabel: c.platformPublicKeyId ? "微信支付公钥模式" : "平台证书模式",
      apiUrl: c.apiBaseUrl,
      sandbox: false,
      usesEmulator: pointsAtEmulator(c.apiBaseUrl, base),
      certSerialNo: c.certSerialNo,
      certValidTo: validTo(c.certPem),
      jsapi: c.hasAppSecret ? { enabled: true, note: null } : { enabled: false, note: JSAPI_NEEDS_APP_SECRET },
    };
  }
  const c = configOf(row as AccountRow & { provider: "alipay" });
  return {
    ...common,
    modeLabel: c.mode === "cert" ? "证书模式" : "公钥模式",
    apiUrl: c.gatewayUrl,
    sandbox: c.sandbox,
    usesEmulator: pointsAtEmulator(c.gatewayUrl, base),
    certSerialNo: null,
    certValidTo: c.appCertPem ? validTo(c.appCertPem) : null,
    jsapi: null,
  };
}

export async function accountSummaries(): Promise<AccountSummary[]> {
  const db = getDb();
  const [using, rows] = await Promise.all([formsUsingAccounts(db), listAccounts(db)]);
  return rows.map((row) => summaryOf(row, using.get(row.id) ?? 0));
}

/** What the edit form shows: every non-secret setting; secrets only as "saved". */
export async function editableAccount(id: number) {
  const row = await requireAccount(id);
  const config = JSON.parse(row.configJson) as Record<string, unknown>;
  return {
    ...summaryOf(row, (await formsUsingAccounts(getDb())).get(id) ?? 0),
    values: { ...config, name: row.name, appId: row.appId, ...(row.provider === "wechat" ? { mchId: row.merchantId } : {}) },
    // An AppSecret is optional: listed as saved only when there is one.
    savedSecrets: SECRET_FIELDS[row.provider].filter((f) => f !== "appSecret" || (config as { hasAppSecret?: boolean }).hasAppSecret === true),
  };
}
export type EditableAccount = Awaited<ReturnType<typeof editableAccount>>;

function validTo(certPem: string): string | null {
  try {
    // "Dec  2 05:37:12 2031 GMT" → "2031-12-02" (Beijing date): what the console shows.
    return beijingDate(Date.parse(new X509Certificate(certPem).validTo));
  } catch {
    return null;
  }
}
