// The alipay-sdk instance for one account: it builds and signs requests (page/wap URLs, exec
// calls) and sends exec calls; we replace its response-signature check with a strict one.
import { AlipayRequestError, AlipaySdk, type AlipaySdkConfig } from "alipay-sdk";
import type { AlipayAccount } from "../types";
import { privateKeyPemForSdk, publicKeyPemForSdk, type AlipayKeyMaterial } from "./keys";
import { verifyResponseSignature } from "./response-sign";

export const REQUEST_TIMEOUT_MS = 10_000;
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "[::1]", "localhost"]);

/**
 * The full gateway URL. Plain http only for loopback (the emulator, tests), so signed requests
 * and answers never cross a network in clear text.
 */
export function resolveGatewayUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`支付宝网关地址不是合法的 URL：${raw.slice(0, 200)}`);
  }
  if (url.username || url.password || url.hash) {
    throw new Error(`支付宝网关地址不能带用户名、密码或片段：${url.origin}${url.pathname}`);
  }
  // The SDK appends the common parameters with searchParams.set; a query of our own would mix in.
  if (url.search) throw new Error(`支付宝网关地址不能带查询串（charset 等由 SDK 添加）：${url.origin}${url.pathname}`);
  if (url.protocol === "http:" && !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new Error(`支付宝网关地址必须使用 https（http 只允许 127.0.0.1、::1、localhost）：${url.origin}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new Error(`支付宝网关地址必须是 https 地址：${url.origin}`);
  }
  return url.toString();
}

/** A gateway answer whose signature did not verify (thrown from inside exec). */
export class ResponseSignatureError extends AlipayRequestError {
  constructor(message: string, traceId?: string) {
    super(message, { traceId });
    this.name = "ResponseSignatureError";
  }
}

/** alipay-sdk with a response check that cannot be skipped or fooled (see response-sign.ts). */
class VerifyingAlipaySdk extends AlipaySdk {
  readonly #keys: AlipayKeyMaterial;

  constructor(config: AlipaySdkConfig, keys: AlipayKeyMaterial) {
    super(config);
    this.#keys = keys;
  }

  // Called by exec() with the raw body when validateSign is true. The SDK's own version skips the
  // check when no Alipay public key is configured and extracts the signed text unreliably.
  override checkResponseSign(responseDataRaw: string, responseKey: string, _serverSign: string, traceId: string): void {
    const check = verifyResponseSignature(responseDataRaw ?? "", responseKey, this.#keys.alipayPublicKey);
    if (!check.ok) throw new ResponseSignatureError(`支付宝应答验签失败：${check.reason}`, traceId);
  }
}

export function createAlipaySdk(account: AlipayAccount, keys: AlipayKeyMaterial): AlipaySdk {
  const config: AlipaySdkConfig = {
    appId: account.appId,
    // Re-exported as PKCS#8 so a PKCS#1 body under a "PRIVATE KEY" label (or no label) still works.
    privateKey: privateKeyPemForSdk(keys.appPrivateKey),
    keyType: "PKCS8",
    signType: "RSA2",
    gateway: resolveGatewayUrl(account.gatewayUrl),
    timeout: REQUEST_TIMEOUT_MS,
    // Keep Alipay's wire names (trade_status, not tradeStatus): the schemas and the docs use them.
    camelcase: false,
  };
  if (keys.mode === "cert") {
    // The SDK derives app_cert_sn / alipay_root_cert_sn (sent and signed with every request).
    config.appCertContent = account.appCertPem;
    config.alipayPublicCertContent = account.alipayPublicCertPem;
    config.alipayRootCertContent = account.alipayRootCertPem;
  } else {
    config.alipayPublicKey = publicKeyPemForSdk(keys.alipayPublicKey);
  }
  try {
    return new VerifyingAlipaySdk(config, keys);
  } catch {
    // In certificate mode the SDK parses the three certificates here (to compute their serials).
    throw new Error("支付宝证书无法读取（应用公钥证书、支付宝公钥证书或根证书格式不正确）");
  }
}
