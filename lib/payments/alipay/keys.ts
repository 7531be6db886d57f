// The account's key material, parsed once with node:crypto. Error messages name the field, never
// its content: keys must not reach logs.
import crypto from "node:crypto";
import type { AlipayAccount } from "../types";

export interface AlipayKeyMaterial {
  mode: "public_key" | "cert";
  appPrivateKey: crypto.KeyObject;
  /** Verifies responses, notifies and return URLs: the Alipay public key, or the one inside the Alipay public cert. */
  alipayPublicKey: crypto.KeyObject;
}

export function loadKeyMaterial(account: AlipayAccount): AlipayKeyMaterial {
  const appPrivateKey = parsePrivateKey(account.privateKeyPem);
  const certs = [account.appCertPem, account.alipayPublicCertPem, account.alipayRootCertPem];
  if (certs.every(Boolean)) {
    return { mode: "cert", appPrivateKey, alipayPublicKey: publicKeyOfCert(account.alipayPublicCertPem!) };
  }
  if (certs.some(Boolean)) {
    throw new Error("支付宝证书模式需要同时提供应用公钥证书、支付宝公钥证书和支付宝根证书");
  }
  if (!account.alipayPublicKeyPem) {
    throw new Error("支付宝账户缺少支付宝公钥（公钥模式）或三份证书（证书模式），无法验证支付宝的签名");
  }
  return { mode: "public_key", appPrivateKey, alipayPublicKey: parsePublicKey(account.alipayPublicKeyPem) };
}

/** PKCS#1 or PKCS#8, PEM or the bare base64 body Alipay's key tool writes (whatever the label says). */
export function parsePrivateKey(text: string): crypto.KeyObject {
  const attempts: Array<() => crypto.KeyObject> = [
    () => crypto.createPrivateKey(text),
    () => crypto.createPrivateKey({ key: derOf(text), format: "der", type: "pkcs8" }),
    () => crypto.createPrivateKey({ key: derOf(text), format: "der", type: "pkcs1" }),
  ];
  return requireRsa(firstThatWorks(attempts), "支付宝应用私钥");
}

/** SPKI PEM or bare base64 (as copied from Alipay's console). */
export function parsePublicKey(text: string): crypto.KeyObject {
  const attempts: Array<() => crypto.KeyObject> = [
    () => crypto.createPublicKey(text),
    () => crypto.createPublicKey({ key: derOf(text), format: "der", type: "spki" }),
  ];
  return requireRsa(firstThatWorks(attempts), "支付宝公钥");
}

function publicKeyOfCert(pem: string): crypto.KeyObject {
  let key: crypto.KeyObject | null = null;
  try {
    key = new crypto.X509Certificate(pem).publicKey;
  } catch {
    key = null;
  }
  return requireRsa(key, "支付宝公钥证书");
}

/** The form alipay-sdk wants: PKCS#8 PEM, passed with keyType "PKCS8". */
export function privateKeyPemForSdk(key: crypto.KeyObject): string {
  return key.export({ type: "pkcs8", format: "pem" }).toString();
}

export function publicKeyPemForSdk(key: crypto.KeyObject): string {
  return key.export({ type: "spki", format: "pem" }).toString();
}

function firstThatWorks(attempts: Array<() => crypto.KeyObject>): crypto.KeyObject | null {
  for (const attempt of attempts) {
    try {
      return attempt();
    } catch {
      // try the next encoding
    }
  }
  return null;
}

function requireRsa(key: crypto.KeyObject | null, what: string): crypto.KeyObject {
  if (!key) throw new Error(`${what}无法解析（需要 PEM 或 base64 格式）`);
  if (key.asymmetricKeyType !== "rsa") throw new Error(`${what}不是 RSA 密钥（RSA2 签名需要 RSA 2048）`);
  return key;
}

function derOf(text: string): Buffer {
  const body = text.replace(/-----[A-Z0-9 ]+-----/g, "").replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) throw new Error("not base64");
  return Buffer.from(body, "base64");
}
