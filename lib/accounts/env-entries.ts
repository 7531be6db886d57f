// The receiving accounts that come from the environment, shown read-only beside stored ones.
import { envAlipayAccount, envWechatAccount, usesEmulator } from "@/lib/accounts/env-accounts";
import type { ProviderAccount, ProviderId } from "@/lib/payments/types";

export const ENV_ACCOUNT_IDS = { wechat: "env-wechat", alipay: "env-alipay" } as const;

export interface EnvAccountEntry {
  id: (typeof ENV_ACCOUNT_IDS)[ProviderId];
  provider: ProviderId;
  configured: boolean;
  usesEmulator: boolean;
  appId: string | null;
  merchantId: string | null;
  modeLabel: string | null;
  apiUrl: string | null;
  /** Why the account cannot be used (a key file that cannot be read...). */
  problem: string | null;
}

export function envAccountEntries(): EnvAccountEntry[] {
  return (["wechat", "alipay"] as const).map((provider) => {
    const entry: EnvAccountEntry = {
      id: ENV_ACCOUNT_IDS[provider],
      provider,
      configured: false,
      usesEmulator: usesEmulator(provider),
      appId: null,
      merchantId: null,
      modeLabel: null,
      apiUrl: null,
      problem: null,
    };
    let account: ProviderAccount | null;
    try {
      account = provider === "wechat" ? envWechatAccount() : envAlipayAccount();
    } catch (error) {
      // Messages from reading settings and key files name paths and variables, not key material.
      return { ...entry, problem: error instanceof Error ? error.message : String(error) };
    }
    if (!account) return entry;
    if (account.provider === "wechat") {
      return {
        ...entry,
        configured: true,
        appId: account.appId,
        merchantId: account.mchId,
        modeLabel: account.platformPublicKeyId ? "微信支付公钥模式" : "平台证书模式",
        apiUrl: account.apiBaseUrl,
      };
    }
    return {
      ...entry,
      configured: true,
      appId: account.appId,
      merchantId: account.sellerId ?? null,
      modeLabel: account.appCertPem ? "证书模式" : "公钥模式",
      apiUrl: account.gatewayUrl,
    };
  });
}
