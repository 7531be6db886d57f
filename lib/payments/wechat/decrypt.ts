// AEAD_AES_256_GCM, as WeChat encrypts notify resources and downloaded platform certificates.
// Done with node:crypto because wechatpay-node-v3's decipher_gcm never calls final() (since 2.2.0),
// so it "decrypts" a forged tag or a wrong AAD without complaint.
// https://pay.weixin.qq.com/wiki/doc/apiv3/wechatpay/wechatpay4_2.shtml
import crypto from "node:crypto";

const TAG_BYTES = 16;

export interface EncryptedResource {
  ciphertext: string;
  nonce: string;
  /** May be the empty string. */
  associated_data?: string;
}

export class DecryptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DecryptError";
  }
}

/** Decrypts and authenticates; throws DecryptError on a wrong key, AAD, nonce or any tampering. */
export function decryptResource(resource: EncryptedResource, apiV3Key: string): string {
  const key = Buffer.from(apiV3Key, "utf8");
  if (key.length !== 32) throw new DecryptError("APIv3 密钥必须是 32 个字节");
  if (!resource.nonce) throw new DecryptError("密文缺少 nonce");
  const sealed = Buffer.from(resource.ciphertext, "base64");
  if (sealed.length <= TAG_BYTES) throw new DecryptError("密文过短");
  const data = sealed.subarray(0, sealed.length - TAG_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(resource.nonce, "utf8"), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAuthTag(tag);
    decipher.setAAD(Buffer.from(resource.associated_data ?? "", "utf8"));
    return Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8");
  } catch {
    throw new DecryptError("解密失败：APIv3 密钥不符，或密文、nonce、associated_data 被篡改");
  }
}
