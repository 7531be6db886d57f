// "测试连接": one real signed call to the platform — a query for an order number that cannot
// exist. A verified "no such order" proves both directions: the platform accepted our signature,
// and we verified the platform's signed answer. Failures are told in words an admin can act on.
import crypto from "node:crypto";
import { getDb } from "@/db/client";
import { getAccount } from "@/db/queries/accounts";
import { createAlipayProvider } from "@/lib/payments/alipay";
import { accountFor } from "@/lib/payments/providers";
import { resolveStoredAccount } from "@/lib/payments/stored-accounts";
import { PaymentPlatformError, type PaymentProvider, type ProviderAccount, type ProviderId } from "@/lib/payments/types";
import { createWechatProvider } from "@/lib/payments/wechat";
import { AppError } from "@/lib/errors";
import { classifyFailure } from "./connection-verdict";

export interface ConnectionReport {
  ok: boolean;
  /** One sentence: "签名与验签均正常", or which part failed. */
  verdict: string;
  /** What to check, when it failed. */
  hint: string | null;
  /** The adapter's message (never key material), for the curious. */
  detail: string | null;
  platformCode: string | null;
  elapsedMs: number;
}

export async function testConnection(providerId: ProviderId, accountRef: string): Promise<ConnectionReport> {
  let account: ProviderAccount | null;
  try {
    account = accountRef === "env" ? await accountFor(providerId, "env") : await resolveStoredAccount(providerId, accountRef, { includeDisabled: true });
  } catch (error) {
    if (!(error instanceof AppError) || accountRef === "env") throw error;
    return {
      ok: false,
      verdict: "已保存的密钥无法解密",
      hint: "APP_ENCRYPTION_KEY 是否更换过？请编辑账户，重新填写私钥与密钥",
      detail: null,
      platformCode: null,
      elapsedMs: 0,
    };
  }
  if (!account) throw new AppError("not_found", accountRef === "env" ? "环境变量中没有配置该支付方式的账户" : "收款账户不存在");
  return probe(account);
}

export async function probe(account: ProviderAccount): Promise<ConnectionReport> {
  const started = Date.now();
  const report = (r: Omit<ConnectionReport, "elapsedMs">): ConnectionReport => ({ ...r, elapsedMs: Date.now() - started });
  let provider: PaymentProvider;
  try {
    // A fresh adapter, not the shared cached one: the test must not reuse downloaded certificates.
    provider = account.provider === "wechat" ? createWechatProvider(account) : createAlipayProvider(account);
  } catch (error) {
    return report({ ok: false, verdict: "账户设置无法使用", hint: "请编辑账户，检查各项设置", detail: messageOf(error), platformCode: null });
  }
  const probeNo = `CONNTEST${Date.now()}${crypto.randomInt(100_000, 999_999)}`;
  try {
    const fact = await provider.queryPayment(probeNo);
    return report({
      ok: true,
      verdict: "签名与验签均正常",
      hint: null,
      detail: fact.kind === "not_found" ? "平台接受了本方签名，并返回了已验签的“订单不存在”应答" : `平台应答已验签（${fact.kind}）`,
      platformCode: null,
    });
  } catch (error) {
    const verdict = classifyFailure(account.provider, error);
    return report({
      ok: false,
      ...verdict,
      detail: messageOf(error),
      platformCode: error instanceof PaymentPlatformError ? error.platformCode : null,
    });
  }
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}

/** [id] of the test route: a stored account id, or env-wechat / env-alipay. */
export async function testAccountById(id: string): Promise<ConnectionReport> {
  const env = /^env-(wechat|alipay)$/.exec(id);
  if (env) return testConnection(env[1] as ProviderId, "env");
  const row = /^\d{1,10}$/.test(id) ? await getAccount(getDb(), Number(id)) : undefined;
  if (!row) throw new AppError("not_found", "收款账户不存在");
  return testConnection(row.provider, String(row.id));
}
