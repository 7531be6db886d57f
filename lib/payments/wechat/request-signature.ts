// The merchant's request signature (WECHATPAY2-SHA256-RSA2048) over the target we actually send.
// wechatpay-node-v3 signs for the official host's path; behind a base URL with a path prefix (the
// emulator, a proxy) that is not what goes on the wire, so the transport signs again here.
// https://pay.weixin.qq.com/docs/merchant/development/interface-rules/signature-generation.html
import crypto, { type KeyObject } from "node:crypto";

export interface RequestSigner {
  mchId: string;
  certSerialNo: string;
  privateKey: KeyObject;
}

/** "/prefix/v3/…?query" of an absolute URL, undecoded: the second line of the signed message. */
export function signedTargetOf(url: string): string {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
}

export function requestAuthorization(
  signer: RequestSigner,
  request: { method: string; target: string; body?: string },
  options: { nowSeconds?: number; nonce?: string } = {},
): string {
  const timestamp = String(options.nowSeconds ?? Math.floor(Date.now() / 1000));
  const nonce = options.nonce ?? crypto.randomBytes(16).toString("hex").toUpperCase();
  const message = `${request.method}\n${request.target}\n${timestamp}\n${nonce}\n${request.body ?? ""}\n`;
  const signature = crypto.sign("sha256", Buffer.from(message, "utf8"), signer.privateKey).toString("base64");
  return (
    `WECHATPAY2-SHA256-RSA2048 mchid="${signer.mchId}",nonce_str="${nonce}",` +
    `timestamp="${timestamp}",serial_no="${signer.certSerialNo}",signature="${signature}"`
  );
}
