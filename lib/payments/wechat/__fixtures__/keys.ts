// TEST-ONLY key material for the WeChat adapter's tests (see generate-fixtures.ts).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { WechatAccount } from "../../types";

const dir = path.dirname(fileURLToPath(import.meta.url));
const read = (name: string) => fs.readFileSync(path.join(dir, name), "utf8");

export const FIXTURE_SERIALS = {
  merchantCert: "3775B6A45ACD588826D15E583A95F5DD1E9C3F2A",
  platformCert: "5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
  publicKeyId: "PUB_KEY_ID_0119000001092025010100000000000001",
} as const;

export const TEST_API_V3_KEY = "TestOnlyApiV3Key0123456789abcdef";

export function fixtureKeys() {
  return {
    merchantKeyPem: read("test-merchant-key.pem"),
    merchantCertPem: read("test-merchant-cert.pem"),
    platformCertKeyPem: read("test-platform-cert-key.pem"),
    platformCertPem: read("test-platform-cert.pem"),
    publicKeyPrivatePem: read("test-wechatpay-public-key-private.pem"),
    publicKeyPem: read("test-wechatpay-public-key.pem"),
    rogueKeyPem: read("test-rogue-key.pem"),
  };
}

/** A public-key-mode merchant; override apiBaseUrl (and the rest) per test. */
export function testAccount(overrides: Partial<WechatAccount> = {}): WechatAccount {
  const keys = fixtureKeys();
  return {
    provider: "wechat",
    ref: "test",
    appId: "wxd678efh567hg6787",
    mchId: "1900000109",
    apiV3Key: TEST_API_V3_KEY,
    certSerialNo: FIXTURE_SERIALS.merchantCert,
    privateKeyPem: keys.merchantKeyPem,
    certPem: keys.merchantCertPem,
    platformPublicKeyPem: keys.publicKeyPem,
    platformPublicKeyId: FIXTURE_SERIALS.publicKeyId,
    apiBaseUrl: "https://api.mch.weixin.qq.com",
    notifyUrl: "https://pay.example.com/api/payment/wechat/notify",
    ...overrides,
  };
}
