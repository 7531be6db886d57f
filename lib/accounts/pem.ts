// Key and certificate checks with node:crypto, so a bad paste is refused when saved rather than
// at the first payment. Messages name the field, never its content.
import crypto from "node:crypto";

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]+?-----END \1-----/g;

/** Tidies a paste: CRLF → LF, trimmed, one trailing newline. Bare base64 (Alipay's key tool) is wrapped. */
export function normalizePem(raw: string, bareLabel: "PRIVATE KEY" | "PUBLIC KEY"): string {
  const text = raw.replace(/\r\n?/g, "\n").trim();
  if (text.includes("-----BEGIN ")) return `${text}\n`;
  const body = text.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) return `${text}\n`;
  return `-----BEGIN ${bareLabel}-----\n${body.match(/.{1,64}/g)!.join("\n")}\n-----END ${bareLabel}-----\n`;
}

export type PemCheck<T> = { ok: true; value: T } | { ok: false; issue: string };

export function checkPrivateKey(pem: string): PemCheck<crypto.KeyObject> {
  let key: crypto.KeyObject;
  try {
    key = crypto.createPrivateKey(pem);
  } catch {
    // Alipay's tool also emits PKCS#1 bodies without headers.
    try {
      key = crypto.createPrivateKey({ key: Buffer.from(pemBody(pem), "base64"), format: "der", type: "pkcs1" });
    } catch {
      return { ok: false, issue: "不是有效的私钥（需要 PEM 格式，以 -----BEGIN PRIVATE KEY----- 开头）" };
    }
  }
  return rsa2048(key);
}

export function checkPublicKey(pem: string): PemCheck<crypto.KeyObject> {
  try {
    return rsa2048(crypto.createPublicKey(pem));
  } catch {
    return { ok: false, issue: "不是有效的公钥（需要 PEM 格式，以 -----BEGIN PUBLIC KEY----- 开头）" };
  }
}

/** The first certificate of a PEM (a bundle may hold several). */
export function checkCertificate(pem: string, nowMs = Date.now()): PemCheck<crypto.X509Certificate> {
  const blocks = pemBlocks(pem).filter((b) => b.includes("CERTIFICATE"));
  if (blocks.length === 0) return { ok: false, issue: "不是证书（需要 PEM 格式，以 -----BEGIN CERTIFICATE----- 开头）" };
  let cert: crypto.X509Certificate;
  try {
    cert = new crypto.X509Certificate(blocks[0]);
  } catch {
    return { ok: false, issue: "证书无法解析" };
  }
  if (Date.parse(cert.validTo) <= nowMs) return { ok: false, issue: `证书已于 ${cert.validTo} 过期` };
  return { ok: true, value: cert };
}

/** A root bundle (alipayRootCert.crt holds several certificates): at least one must parse. */
export function checkCertificateBundle(pem: string): PemCheck<number> {
  const blocks = pemBlocks(pem).filter((b) => b.includes("CERTIFICATE"));
  const parsed = blocks.filter((b) => {
    try {
      new crypto.X509Certificate(b);
      return true;
    } catch {
      return false;
    }
  });
  return parsed.length ? { ok: true, value: parsed.length } : { ok: false, issue: "不是有效的证书（需要 PEM 格式）" };
}

export function samePublicKey(a: crypto.KeyObject, b: crypto.KeyObject): boolean {
  const der = (k: crypto.KeyObject) => (k.type === "private" ? crypto.createPublicKey(k) : k).export({ type: "spki", format: "der" });
  return der(a).equals(der(b));
}

/** Hex serial without leading zeros, upper case: how we compare serials from different sources. */
export function normaliseSerial(serial: string): string {
  return serial.trim().toUpperCase().replace(/^0+(?=.)/, "");
}

function rsa2048(key: crypto.KeyObject): PemCheck<crypto.KeyObject> {
  if (key.asymmetricKeyType !== "rsa") return { ok: false, issue: "需要 RSA 密钥（微信支付与支付宝 RSA2 签名都使用 RSA）" };
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < 2048) return { ok: false, issue: `RSA 密钥长度为 ${bits} 位，至少需要 2048 位` };
  return { ok: true, value: key };
}

function pemBlocks(pem: string): string[] {
  return pem.match(PEM_BLOCK) ?? [];
}

function pemBody(pem: string): string {
  return pem.replace(/-----[A-Z0-9 ]+-----/g, "").replace(/\s+/g, "");
}
