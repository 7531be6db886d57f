// Reading a stored account back: parse its config, decrypt its secrets. The only place secrets
// leave their ciphertext, and only for the adapters (never for a view).
import type { AccountRow } from "@/db/queries/accounts";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secrets";
import type { ProviderId } from "@/db/schema";
import type { AlipayConfig, AlipaySecrets, StoredConfig, StoredSecrets, WechatConfig, WechatSecrets } from "./records";

// Binds a ciphertext to its provider, so a WeChat blob pasted into an Alipay row does not decrypt.
const aad = (provider: ProviderId) => `receiving_accounts:${provider}`;

export function sealSecrets(provider: ProviderId, secrets: WechatSecrets | AlipaySecrets): string {
  return encryptSecret(JSON.stringify(secrets), aad(provider));
}

export function openSecrets<P extends ProviderId>(row: AccountRow & { provider: P }): StoredSecrets<P> {
  return JSON.parse(decryptSecret(row.secretsEncrypted, aad(row.provider))) as StoredSecrets<P>;
}

export function configOf<P extends ProviderId>(row: AccountRow & { provider: P }): StoredConfig<P> {
  return JSON.parse(row.configJson) as StoredConfig<P>;
}

export function isWechatRow(row: AccountRow): row is AccountRow & { provider: "wechat" } {
  return row.provider === "wechat";
}

export type { WechatConfig, AlipayConfig };
