// Which adapter, with which account's keys, handles a given provider and account.
import { AppError } from "@/lib/errors";
import { createAlipayProvider } from "./alipay";
import { envAlipayAccount, envWechatAccount } from "@/lib/accounts/env-accounts";
import { resolveStoredAccount } from "./stored-accounts";
import type { PaymentProvider, ProviderAccount, ProviderId } from "./types";
import { createWechatProvider } from "./wechat";

const METHOD_NAME: Record<ProviderId, string> = { wechat: "微信支付", alipay: "支付宝" };

// Adapters keep per-account caches (WeChat platform certificates), so one instance per account.
const cache = new Map<string, { account: ProviderAccount; provider: PaymentProvider }>();

export async function accountFor(
  providerId: ProviderId,
  accountRef: string,
  options: { includeDisabled?: boolean } = {},
): Promise<ProviderAccount | null> {
  if (accountRef === "env") return providerId === "wechat" ? envWechatAccount() : envAlipayAccount();
  return resolveStoredAccount(providerId, accountRef, options);
}

/**
 * The adapter for an account. A disabled account takes no new payments (forNewPayment), but its
 * existing orders are still queried, closed and confirmed by notify: money already on its way
 * must not be lost because an admin switched the account off.
 */
export async function providerFor(providerId: ProviderId, accountRef = "env", options: { forNewPayment?: boolean } = {}): Promise<PaymentProvider> {
  const account = await accountFor(providerId, accountRef, { includeDisabled: !options.forNewPayment });
  if (!account) {
    throw new AppError("payment_platform_unavailable", `${METHOD_NAME[providerId]}暂未开通，请选择其他支付方式`);
  }
  return providerOf(account);
}

/** The adapter for an account already resolved (one instance per account, rebuilt when its settings change). */
export function providerOf(account: ProviderAccount): PaymentProvider {
  const key = `${account.provider}:${account.ref}`;
  const hit = cache.get(key);
  // The env account is one cached object; a stored one is read afresh, so compare its settings.
  if (hit && (hit.account === account || JSON.stringify(hit.account) === JSON.stringify(account))) return hit.provider;
  const provider = account.provider === "wechat" ? createWechatProvider(account) : createAlipayProvider(account);
  cache.set(key, { account, provider });
  return provider;
}

export function methodName(providerId: ProviderId): string {
  return METHOD_NAME[providerId];
}
