// Receiving accounts managed in the admin pages (stored encrypted in receiving_accounts).
// Their notifies come back to /notify/<id> (both platforms refuse or strip a query string on
// notify_url), and Alipay returns with ?account=<id>, so each is verified with its own keys.
import { getDb } from "@/db/client";
import { getAccount, type AccountRow } from "@/db/queries/accounts";
import { SecretDecryptionError } from "@/lib/crypto/secrets";
import { AppError } from "@/lib/errors";
import { settings } from "@/lib/env";
import { configOf, isWechatRow, openSecrets } from "@/lib/accounts/stored";
import type { ProviderAccount, ProviderId } from "./types";

/**
 * The account behind a ref ("12"), or null when unknown, of another provider, or disabled
 * (includeDisabled: the connection test may try an account before it is switched on).
 */
export async function resolveStoredAccount(
  providerId: ProviderId,
  accountRef: string,
  options: { includeDisabled?: boolean } = {},
): Promise<ProviderAccount | null> {
  if (!/^\d{1,10}$/.test(accountRef)) return null;
  const row = await getAccount(getDb(), Number(accountRef));
  if (!row || row.provider !== providerId || (!row.enabled && !options.includeDisabled)) return null;
  try {
    return toProviderAccount(row);
  } catch (error) {
    if (!(error instanceof SecretDecryptionError)) throw error;
    // For the operator, in the log; the payer only learns that this method is unavailable.
    console.error(`receiving account #${row.id}: ${error.message}. Re-enter its keys in 收款账户, or restore APP_ENCRYPTION_KEY.`);
    throw new AppError("payment_platform_unavailable", "该支付方式暂时无法使用，请选择其他支付方式");
  }
}

function toProviderAccount(row: AccountRow): ProviderAccount {
  const base = settings().SERVER_BASE_URL;
  const ref = String(row.id);
  if (isWechatRow(row)) {
    const config = configOf(row);
    const secrets = openSecrets(row);
    return {
      provider: "wechat",
      ref,
      appId: row.appId,
      mchId: row.merchantId,
      apiV3Key: secrets.apiV3Key,
      certSerialNo: config.certSerialNo,
      privateKeyPem: secrets.privateKeyPem,
      certPem: config.certPem,
      platformPublicKeyPem: config.platformPublicKeyPem,
      platformPublicKeyId: config.platformPublicKeyId,
      apiBaseUrl: config.apiBaseUrl,
      notifyUrl: storedNotifyUrl("wechat", ref),
      appSecret: secrets.appSecret,
    };
  }
  const alipayRow = row as typeof row & { provider: "alipay" };
  const config = configOf(alipayRow);
  const secrets = openSecrets(alipayRow);
  return {
    provider: "alipay",
    ref,
    appId: row.appId,
    sellerId: config.sellerId,
    privateKeyPem: secrets.privateKeyPem,
    alipayPublicKeyPem: config.mode === "public_key" ? config.alipayPublicKeyPem : undefined,
    appCertPem: config.mode === "cert" ? config.appCertPem : undefined,
    alipayPublicCertPem: config.mode === "cert" ? config.alipayPublicCertPem : undefined,
    alipayRootCertPem: config.mode === "cert" ? config.alipayRootCertPem : undefined,
    gatewayUrl: config.gatewayUrl,
    notifyUrl: storedNotifyUrl("alipay", ref),
    returnUrl: `${base}/api/payment/alipay/return?account=${ref}`,
  };
}

/**
 * WeChat Pay v3 answers PARAM_ERROR to a notify_url with a query, and Alipay cuts the query off
 * and posts it as part of the body, so the account goes into the path.
 */
export function storedNotifyUrl(providerId: ProviderId, accountRef: string): string {
  return `${settings().SERVER_BASE_URL}/api/payment/${providerId}/notify/${accountRef}`;
}
