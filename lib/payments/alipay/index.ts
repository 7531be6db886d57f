// Alipay (classic gateway, RSA2; desktop page pay and phone wap pay) behind our PaymentProvider.
import type { AlipayAccount } from "../types";
import { loadKeyMaterial } from "./keys";
import { createProvider, type AlipayProvider } from "./provider";
import { createAlipaySdk } from "./sdk";

export type { AlipayProvider } from "./provider";

export interface AlipayProviderOptions {
  /** Clock in epoch milliseconds, for request timestamps and expiry checks (tests). */
  now?: () => number;
}

/** Throws at construction on a bad gateway URL or unusable keys (messages never show key material). */
export function createAlipayProvider(account: AlipayAccount, options: AlipayProviderOptions = {}): AlipayProvider {
  const keys = loadKeyMaterial(account);
  const sdk = createAlipaySdk(account, keys);
  return createProvider(account, { sdk, alipayPublicKey: keys.alipayPublicKey, now: options.now ?? Date.now });
}
