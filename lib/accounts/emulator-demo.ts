// The emulator's demo merchant as add-form values, so an admin can add an emulator-backed account
// (and the e2e test can) without digging key files out of certs/emulator/.
import { AppError } from "@/lib/errors";
import { emulatedMerchant } from "./emulated";
import type { ProviderId } from "@/lib/payments/types";

export function emulatorDemoValues(provider: ProviderId): Record<string, string | boolean> {
  if (!emulatedMerchant(provider)) throw new AppError("not_found", "模拟器未启用");
  return provider === "wechat" ? emulatorWechatDemo() : emulatorAlipayDemo();
}

export function emulatorWechatDemo() {
  const c = emulatedMerchant("wechat")!.wechat();
  return {
    name: "模拟器演示商户（微信支付）",
    appId: c.appId,
    mchId: c.mchId,
    apiV3Key: c.apiV3Key,
    // The official account's AppSecret (web authorization, for JSAPI).
    appSecret: c.appSecret,
    certSerialNo: c.certSerialNo,
    privateKeyPem: c.privateKeyPem,
    certPem: c.certPem,
    platformPublicKeyPem: c.platformPublicKeyPem,
    platformPublicKeyId: c.platformPublicKeyId,
    apiBaseUrl: c.apiBaseUrl,
  };
}

export function emulatorAlipayDemo() {
  const c = emulatedMerchant("alipay")!.alipay();
  return {
    name: "模拟器演示商户（支付宝）",
    appId: c.appId,
    sellerId: c.sellerId,
    privateKeyPem: c.privateKeyPem,
    mode: "public_key",
    alipayPublicKeyPem: c.alipayPublicKeyPem,
    sandbox: false,
    gatewayUrl: c.gatewayUrl,
  };
}
