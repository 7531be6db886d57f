// How an account is stored: non-secret settings in config_json, secrets encrypted in
// secrets_encrypted (one AES-GCM blob per account, see lib/crypto/secrets.ts).
import type { ProviderId } from "@/db/schema";

export interface WechatConfig {
  certSerialNo: string;
  certPem: string;
  platformPublicKeyPem?: string;
  platformPublicKeyId?: string;
  apiBaseUrl: string;
  /** An AppSecret is among the secrets (JSAPI possible); kept here so views need not decrypt. */
  hasAppSecret?: boolean;
}
export interface WechatSecrets {
  apiV3Key: string;
  privateKeyPem: string;
  /** The official account's AppSecret (web authorization for the openid, JSAPI). */
  appSecret?: string;
}

export type AlipayKeyMode = "public_key" | "cert";
export interface AlipayConfig {
  mode: AlipayKeyMode;
  sellerId?: string;
  alipayPublicKeyPem?: string;
  appCertPem?: string;
  alipayPublicCertPem?: string;
  alipayRootCertPem?: string;
  gatewayUrl: string;
  sandbox: boolean;
}
export interface AlipaySecrets {
  privateKeyPem: string;
}

export type StoredConfig<P extends ProviderId> = P extends "wechat" ? WechatConfig : AlipayConfig;
export type StoredSecrets<P extends ProviderId> = P extends "wechat" ? WechatSecrets : AlipaySecrets;
