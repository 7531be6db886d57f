// The receiving accounts that come from the environment (or, with no credentials, the emulator's
// demo merchant, handed over at start-up: lib/accounts/emulated.ts). Admin-managed accounts live
// in the database; both produce the same account types.
import fs from "node:fs";
import { hasCredentials } from "@/lib/emulator-switch";
import { settings } from "@/lib/env";
import { emulatedMerchant } from "./emulated";
import type { AlipayAccount, WechatAccount } from "@/lib/payments/types";

export const WECHAT_OFFICIAL_BASE_URL = "https://api.mch.weixin.qq.com";
export const ALIPAY_GATEWAY = "https://openapi.alipay.com/gateway.do";
export const ALIPAY_SANDBOX_GATEWAY = "https://openapi-sandbox.dl.alipaydev.com/gateway.do";

const read = (filePath: string) => fs.readFileSync(filePath, "utf8");

export function usesEmulator(platform: "wechat" | "alipay"): boolean {
  return !hasCredentials(platform) && emulatedMerchant(platform) !== null;
}

// Key files are read once per settings load, not on every status poll or notify.
let cache: { from: ReturnType<typeof settings>; wechat?: WechatAccount | null; alipay?: AlipayAccount | null } | null = null;

function cached<K extends "wechat" | "alipay">(key: K, load: () => NonNullable<typeof cache>[K]): NonNullable<typeof cache>[K] {
  const current = settings();
  if (cache?.from !== current) cache = { from: current };
  if (cache[key] === undefined) cache[key] = load();
  return cache[key];
}

export function envWechatAccount(): WechatAccount | null {
  return cached("wechat", loadWechatAccount) ?? null;
}

export function envAlipayAccount(): AlipayAccount | null {
  return cached("alipay", loadAlipayAccount) ?? null;
}

function loadWechatAccount(): WechatAccount | null {
  const s = settings();
  const notifyUrl = s.WECHAT_NOTIFY_URL ?? `${s.SERVER_BASE_URL}/api/payment/wechat/notify`;
  if (hasCredentials("wechat")) {
    return {
      provider: "wechat",
      ref: "env",
      appId: s.WECHAT_APP_ID!,
      mchId: s.WECHAT_MCH_ID!,
      apiV3Key: s.WECHAT_API_KEY!,
      certSerialNo: s.WECHAT_CERT_SERIAL_NO!,
      privateKeyPem: read(s.WECHAT_PRIVATE_KEY_PATH!),
      certPem: read(s.WECHAT_CERT_PATH!),
      platformPublicKeyPem: s.WECHAT_PLATFORM_PUBLIC_KEY_PATH ? read(s.WECHAT_PLATFORM_PUBLIC_KEY_PATH) : undefined,
      platformPublicKeyId: s.WECHAT_PLATFORM_PUBLIC_KEY_ID,
      apiBaseUrl: s.WECHAT_API_BASE_URL ?? WECHAT_OFFICIAL_BASE_URL,
      notifyUrl,
      appSecret: s.WECHAT_APP_SECRET,
    };
  }
  if (!emulatedMerchant("wechat")) return null;
  const emu = emulatedMerchant("wechat")!.wechat();
  return {
    provider: "wechat",
    ref: "env",
    appId: emu.appId,
    mchId: emu.mchId,
    apiV3Key: emu.apiV3Key,
    certSerialNo: emu.certSerialNo,
    privateKeyPem: emu.privateKeyPem,
    certPem: emu.certPem,
    platformPublicKeyPem: emu.platformPublicKeyPem,
    platformPublicKeyId: emu.platformPublicKeyId,
    apiBaseUrl: emu.apiBaseUrl,
    notifyUrl,
    appSecret: emu.appSecret,
  };
}

function loadAlipayAccount(): AlipayAccount | null {
  const s = settings();
  const notifyUrl = s.ALIPAY_NOTIFY_URL ?? `${s.SERVER_BASE_URL}/api/payment/alipay/notify`;
  const returnUrl = s.ALIPAY_RETURN_URL ?? `${s.SERVER_BASE_URL}/api/payment/alipay/return`;
  if (hasCredentials("alipay")) {
    return {
      provider: "alipay",
      ref: "env",
      appId: s.ALIPAY_APP_ID!,
      sellerId: s.ALIPAY_SELLER_ID,
      privateKeyPem: read(s.ALIPAY_PRIVATE_KEY_PATH!),
      alipayPublicKeyPem: s.ALIPAY_PUBLIC_KEY_PATH ? read(s.ALIPAY_PUBLIC_KEY_PATH) : undefined,
      appCertPem: s.ALIPAY_APP_CERT_PATH ? read(s.ALIPAY_APP_CERT_PATH) : undefined,
      alipayPublicCertPem: s.ALIPAY_PUBLIC_CERT_PATH ? read(s.ALIPAY_PUBLIC_CERT_PATH) : undefined,
      alipayRootCertPem: s.ALIPAY_ROOT_CERT_PATH ? read(s.ALIPAY_ROOT_CERT_PATH) : undefined,
      gatewayUrl: s.ALIPAY_GATEWAY_URL ?? (s.ALIPAY_SANDBOX === "true" ? ALIPAY_SANDBOX_GATEWAY : ALIPAY_GATEWAY),
      notifyUrl,
      returnUrl,
    };
  }
  if (!emulatedMerchant("alipay")) return null;
  const emu = emulatedMerchant("alipay")!.alipay();
  return {
    provider: "alipay",
    ref: "env",
    appId: emu.appId,
    sellerId: emu.sellerId,
    privateKeyPem: emu.privateKeyPem,
    alipayPublicKeyPem: emu.alipayPublicKeyPem,
    gatewayUrl: emu.gatewayUrl,
    notifyUrl,
    returnUrl,
  };
}

/** Paths of the key files the environment names, for the start-up permission warning. */
export function envKeyFilePaths(): string[] {
  const s = settings();
  return [
    s.WECHAT_PRIVATE_KEY_PATH,
    s.WECHAT_PLATFORM_PUBLIC_KEY_PATH,
    s.ALIPAY_PRIVATE_KEY_PATH,
  ].filter((p): p is string => Boolean(p));
}
