// TEST-ONLY key material for the Alipay adapter's tests (see generate-fixtures.ts and README.md).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AlipayAccount } from "../../types";

const dir = path.dirname(fileURLToPath(import.meta.url));
const read = (name: string) => fs.readFileSync(path.join(dir, name), "utf8");

export const TEST_APP_ID = "2021000000000001";
export const TEST_SELLER_ID = "2088000000000001";

export function fixtureKeys() {
  return {
    /** PKCS#1 ("BEGIN RSA PRIVATE KEY"). */
    appPrivatePem: read("test-app-private.pem"),
    appPublicPem: read("test-app-public.pem"),
    alipayPrivatePem: read("test-alipay-private.pem"),
    alipayPublicPem: read("test-alipay-public.pem"),
    roguePrivatePem: read("test-rogue-private.pem"),
    appCertPem: read("test-app-cert.pem"),
    alipayPublicCertPem: read("test-alipay-public-cert.pem"),
    alipayRootCertPem: read("test-alipay-root-cert.pem"),
  };
}

export const publicKeyOf = (pem: string) => crypto.createPublicKey(pem);

/** A public-key-mode account; override gatewayUrl (and the rest) per test. */
export function testAccount(overrides: Partial<AlipayAccount> = {}): AlipayAccount {
  const keys = fixtureKeys();
  return {
    provider: "alipay",
    ref: "env",
    appId: TEST_APP_ID,
    sellerId: TEST_SELLER_ID,
    privateKeyPem: keys.appPrivatePem,
    alipayPublicKeyPem: keys.alipayPublicPem,
    gatewayUrl: "https://openapi.alipay.com/gateway.do",
    notifyUrl: "https://pay.example.com/api/payment/alipay/notify",
    returnUrl: "https://pay.example.com/api/payment/alipay/return",
    ...overrides,
  };
}

/** The same account in certificate mode (no plain Alipay public key). */
export function testCertAccount(overrides: Partial<AlipayAccount> = {}): AlipayAccount {
  const keys = fixtureKeys();
  return testAccount({
    alipayPublicKeyPem: undefined,
    appCertPem: keys.appCertPem,
    alipayPublicCertPem: keys.alipayPublicCertPem,
    alipayRootCertPem: keys.alipayRootCertPem,
    ...overrides,
  });
}
