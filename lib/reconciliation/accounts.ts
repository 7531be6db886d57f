// Which receiving account a day is reconciled for: one named by id, else the one configured in the
// environment, else the only one stored for that platform; and every account the daily job covers.
import { getDb } from "@/db/client";
import { getAccount, listAccounts } from "@/db/queries/accounts";
import { AppError } from "@/lib/errors";
import { envAlipayAccount, envWechatAccount } from "@/lib/accounts/env-accounts";
import { methodName } from "@/lib/payments/providers";
import type { ProviderId } from "@/lib/payments/types";

export const ENV_ACCOUNT_NAME = "环境变量配置的账户";

export interface AccountChoice {
  accountRef: string;
  name: string;
}

function envConfigured(provider: ProviderId): boolean {
  return (provider === "wechat" ? envWechatAccount() : envAlipayAccount()) !== null;
}

/** Pure: the account when none was named, or a 422 that names the choices. */
export function pickDefaultAccount(provider: ProviderId, envAvailable: boolean, stored: { id: number; name: string }[]): AccountChoice {
  if (envAvailable) return { accountRef: "env", name: ENV_ACCOUNT_NAME };
  if (stored.length === 1) return { accountRef: String(stored[0].id), name: stored[0].name };
  if (stored.length === 0) throw new AppError("unprocessable_entity", `没有可对账的${methodName(provider)}收款账户`, [{ field: "accountId", issue: "请先添加收款账户" }]);
  const choices = stored.map((a) => `${a.name}（accountId ${a.id}）`).join("、");
  throw new AppError("unprocessable_entity", `有多个${methodName(provider)}收款账户，请指明 accountId：${choices}`, [
    { field: "accountId", issue: `可选：${stored.map((a) => a.id).join(", ")}` },
  ]);
}

export async function chooseAccount(provider: ProviderId, accountId?: number): Promise<AccountChoice> {
  const db = getDb();
  if (accountId !== undefined) {
    const row = await getAccount(db, accountId);
    if (!row || row.provider !== provider) {
      throw new AppError("unprocessable_entity", `没有编号为 ${accountId} 的${methodName(provider)}收款账户`, [{ field: "accountId", issue: "账户不存在" }]);
    }
    return { accountRef: String(row.id), name: row.name };
  }
  const stored = (await listAccounts(db)).filter((a) => a.provider === provider);
  return pickDefaultAccount(provider, envConfigured(provider), stored);
}

/** The accounts the daily job reconciles: the environment's, and every enabled stored one. */
export async function accountsToReconcile(): Promise<{ provider: ProviderId; accountRef: string }[]> {
  const out: { provider: ProviderId; accountRef: string }[] = [];
  for (const provider of ["wechat", "alipay"] as const) if (envConfigured(provider)) out.push({ provider, accountRef: "env" });
  for (const row of await listAccounts(getDb())) if (row.enabled) out.push({ provider: row.provider, accountRef: String(row.id) });
  return out;
}

/** Display names of accounts by "provider:ref". */
export async function accountNames(): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const provider of ["wechat", "alipay"] as const) names.set(`${provider}:env`, ENV_ACCOUNT_NAME);
  for (const row of await listAccounts(getDb())) names.set(`${row.provider}:${row.id}`, row.name);
  return names;
}

/** The accounts an admin may pick in 对账: the environment's, and every stored one (disabled ones still have days). */
export async function reconcilableAccounts(): Promise<{ provider: ProviderId; accountId: number | null; name: string; enabled: boolean }[]> {
  const out: { provider: ProviderId; accountId: number | null; name: string; enabled: boolean }[] = [];
  for (const provider of ["wechat", "alipay"] as const) if (envConfigured(provider)) out.push({ provider, accountId: null, name: ENV_ACCOUNT_NAME, enabled: true });
  for (const row of await listAccounts(getDb())) out.push({ provider: row.provider, accountId: row.id, name: row.name, enabled: row.enabled });
  return out;
}
export type ReconcilableAccount = Awaited<ReturnType<typeof reconcilableAccounts>>[number];
