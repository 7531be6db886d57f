// The emulator's demo merchant as add-form values, so an admin can add an emulator-backed account
// (and the e2e test can) without digging key files out of certs/emulator/.
import { emulatorEnabled } from "@/lib/emulator/enabled";
import { ensureEmulatorCredentials, readKeyFile } from "@/lib/emulator/keys";
import { settings } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { ProviderId } from "@/lib/payments/types";

export function emulatorDemoValues(provider: ProviderId): Record<string, string | boolean> {
  if (!emulatorEnabled(provider)) throw new AppError("not_found", "模拟器未启用");
  return provider === "wechat" ? emulatorWechatDemo() : emulatorAlipayDemo();
}

export function emulatorWechatDemo() {
  const c = ensureEmulatorCredentials().wechat;
  return {
    name: "模拟器演示商户（微信支付）",
    appId: c.appId,
    mchId: c.mchId,
    apiV3Key: c.apiV3Key,
    // The official account's AppSecret (web authorization, for JSAPI).
    appSecret: c.appSecret,
    certSerialNo: c.merchantCertSerial,
    privateKeyPem: readKeyFile(c.merchantKeyPath),
    certPem: readKeyFile(c.merchantCertPath),
    platformPublicKeyPem: readKeyFile(c.publicKeyPath),
    platformPublicKeyId: c.publicKeyId,
    apiBaseUrl: `${settings().SERVER_BASE_URL}/sandbox/wechat`,
  };
}

export function emulatorAlipayDemo() {
  const c = ensureEmulatorCredentials().alipay;
  return {
    name: "模拟器演示商户（支付宝）",
    appId: c.appId,
    sellerId: c.sellerId,
    privateKeyPem: readKeyFile(c.appPrivateKeyPath),
    mode: "public_key",
    alipayPublicKeyPem: readKeyFile(c.alipayPublicKeyPath),
    sandbox: false,
    gatewayUrl: `${settings().SERVER_BASE_URL}/sandbox/alipay/gateway.do`,
  };
}
