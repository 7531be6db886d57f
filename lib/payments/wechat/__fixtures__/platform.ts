// TEST-ONLY: the platform's side of the protocol, just enough to sign answers and notifies.
import crypto from "node:crypto";

export interface PlatformSigner {
  privateKeyPem: string;
  serial: string;
}

/** Wechatpay-* headers over `timestamp\nnonce\nbody\n`. */
export function platformSignatureHeaders(
  body: string | Uint8Array,
  signer: PlatformSigner,
  options: { timestamp?: number; nonce?: string; signature?: string } = {},
): Record<string, string> {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = options.nonce ?? crypto.randomBytes(16).toString("hex");
  const message = Buffer.concat([
    Buffer.from(`${timestamp}\n${nonce}\n`),
    typeof body === "string" ? Buffer.from(body) : body,
    Buffer.from("\n"),
  ]);
  const signature = options.signature ?? crypto.sign("RSA-SHA256", message, signer.privateKeyPem).toString("base64");
  return {
    "Wechatpay-Timestamp": timestamp,
    "Wechatpay-Nonce": nonce,
    "Wechatpay-Signature": signature,
    "Wechatpay-Serial": signer.serial,
    "Wechatpay-Signature-Type": "WECHATPAY2-SHA256-RSA2048",
  };
}

/** AEAD_AES_256_GCM as the platform does it: base64(ciphertext || 16-byte tag). */
export function encryptResource(plaintext: string, apiV3Key: string, nonce: string, associatedData: string): string {
  const cipher = crypto.createCipheriv("aes-256-gcm", Buffer.from(apiV3Key), Buffer.from(nonce));
  cipher.setAAD(Buffer.from(associatedData));
  return Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]).toString("base64");
}

export function paidTransaction(overrides: Record<string, unknown> = {}) {
  return {
    mchid: "1900000109",
    appid: "wxd678efh567hg6787",
    out_trade_no: "20261122152935123456789",
    transaction_id: "4200000000202611220000000001",
    trade_type: "NATIVE",
    trade_state: "SUCCESS",
    trade_state_desc: "支付成功",
    bank_type: "OTHERS",
    attach: "",
    success_time: "2026-11-22T15:29:35+08:00",
    payer: { openid: "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" },
    amount: { total: 1230, payer_total: 1230, currency: "CNY", payer_currency: "CNY" },
    ...overrides,
  };
}

/** A signed TRANSACTION.SUCCESS notify carrying `transaction`. */
export function signedNotify(
  transaction: object,
  options: {
    signer: PlatformSigner;
    apiV3Key: string;
    timestamp?: number;
    signature?: string;
    eventType?: string;
    originalType?: string;
    associatedData?: string;
    /** Changes the envelope before it is signed (the signature stays valid). */
    mutateEnvelope?: (envelope: { resource: Record<string, string> } & Record<string, unknown>) => void;
    /** Changes the body after it was signed (the signature no longer matches). */
    mutateBody?: (body: string) => string;
  },
): { headers: Headers; rawBody: string } {
  const nonce = "pJzPEVj3TKtN";
  const associatedData = options.associatedData ?? "transaction";
  const envelope = {
    id: "EV-2018022511223320873",
    create_time: "2026-11-22T15:29:35+08:00",
    resource_type: "encrypt-resource",
    event_type: options.eventType ?? "TRANSACTION.SUCCESS",
    summary: "支付成功",
    resource: {
      original_type: options.originalType ?? "transaction",
      algorithm: "AEAD_AES_256_GCM",
      ciphertext: encryptResource(JSON.stringify(transaction), options.apiV3Key, nonce, associatedData),
      associated_data: associatedData,
      nonce,
    },
  };
  options.mutateEnvelope?.(envelope);
  const signedBody = JSON.stringify(envelope);
  const headers = platformSignatureHeaders(signedBody, options.signer, {
    timestamp: options.timestamp,
    signature: options.signature,
  });
  const rawBody = options.mutateBody ? options.mutateBody(signedBody) : signedBody;
  return { headers: new Headers(headers), rawBody };
}
