// AEAD_AES_256_GCM as WeChat Pay uses it for notify resources and downloaded certificates:
// key = the APIv3 key's 32 ASCII bytes, IV = a 12-character nonce's bytes, tag appended to the
// ciphertext before Base64.
import crypto from "node:crypto";

export interface EncryptedResource {
  algorithm: "AEAD_AES_256_GCM";
  ciphertext: string;
  associated_data: string;
  nonce: string;
}

const NONCE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export function newResourceNonce(): string {
  return Array.from({ length: 12 }, () => NONCE_ALPHABET[crypto.randomInt(NONCE_ALPHABET.length)]).join("");
}

export function encryptResource(plaintext: string, associatedData: string, apiV3Key: string, nonce = newResourceNonce()): EncryptedResource {
  const cipher = crypto.createCipheriv("aes-256-gcm", Buffer.from(apiV3Key, "utf8"), Buffer.from(nonce, "utf8"));
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return {
    algorithm: "AEAD_AES_256_GCM",
    ciphertext: Buffer.concat([body, cipher.getAuthTag()]).toString("base64"),
    associated_data: associatedData,
    nonce,
  };
}

/** The merchant's side, for tests: authenticates (final() throws on a wrong tag, key or AAD). */
export function decryptResource(resource: Pick<EncryptedResource, "ciphertext" | "associated_data" | "nonce">, apiV3Key: string): string {
  const data = Buffer.from(resource.ciphertext, "base64");
  const decipher = crypto.createDecipheriv("aes-256-gcm", Buffer.from(apiV3Key, "utf8"), Buffer.from(resource.nonce, "utf8"));
  decipher.setAuthTag(data.subarray(data.length - 16));
  decipher.setAAD(Buffer.from(resource.associated_data, "utf8"));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString("utf8");
}
