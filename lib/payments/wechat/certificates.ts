// Platform certificate mode: GET /v3/certificates answers the platform's certificates, each
// AES-GCM encrypted with our APIv3 key. Decrypting them authenticates the sender (only WeChat and
// we know that key); the answer's own signature is then checked with the certificates it carries.
// https://pay.weixin.qq.com/wiki/doc/apiv3/apis/wechatpay5_1.shtml
import crypto, { type KeyObject } from "node:crypto";
import { decryptResource } from "./decrypt";
import { errorAnswerToPlatformError, unavailable } from "./platform-error";
import { certificatesResponse, describeIssues } from "./schemas";
import { checkTimestamp, isPublicKeyId, isValidSignature, normaliseSerial, readSignatureHeaders } from "./verify";

export interface RawAnswer {
  status: number;
  headers: Headers;
  body: Uint8Array;
}

export interface CertificateContext {
  apiV3Key: string;
  nowMs: number;
  /** Public-key mode, in case the platform signed the download with the WeChat Pay public key. */
  publicKey?: { id: string; key: KeyObject };
}

/** serial (as the platform wrote it) → public key; throws PaymentPlatformError or DecryptError. */
export function certificatesFromAnswer(answer: RawAnswer, context: CertificateContext): Map<string, KeyObject> {
  const text = Buffer.from(answer.body).toString("utf8");
  if (answer.status !== 200) throw errorAnswerToPlatformError(answer.status, text);

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw unavailable("MALFORMED_RESPONSE", "平台证书列表不是 JSON");
  }
  const parsed = certificatesResponse.safeParse(json);
  if (!parsed.success) throw unavailable("MALFORMED_RESPONSE", `平台证书列表格式不正确：${describeIssues(parsed.error)}`);

  const keys = new Map<string, KeyObject>();
  for (const item of parsed.data.data) {
    const certificate = new crypto.X509Certificate(decryptResource(item.encrypt_certificate, context.apiV3Key));
    if (normaliseSerial(certificate.serialNumber) !== normaliseSerial(item.serial_no)) {
      throw unavailable("MALFORMED_RESPONSE", `平台证书序列号与列表不符：${item.serial_no.slice(0, 64)}`);
    }
    if (Date.parse(certificate.validTo) <= context.nowMs) continue;
    keys.set(item.serial_no, certificate.publicKey);
  }

  const parts = readSignatureHeaders(answer.headers);
  checkTimestamp(parts.timestamp, context.nowMs);
  const signer =
    context.publicKey && parts.serial === context.publicKey.id
      ? context.publicKey.key
      : isPublicKeyId(parts.serial)
        ? undefined
        : [...keys].find(([serial]) => normaliseSerial(serial) === normaliseSerial(parts.serial))?.[1];
  if (!signer || !isValidSignature(parts, answer.body, signer)) {
    throw unavailable("UNVERIFIED_RESPONSE", "平台证书列表的签名无法验证");
  }
  return keys;
}
