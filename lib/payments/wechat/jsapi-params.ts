// The parameters a page hands to WeixinJSBridge.invoke("getBrandWCPayRequest", …), signed afresh
// from a prepay id (valid 2 hours) each time the pay page needs them.
// https://pay.weixin.qq.com/doc/v3/merchant/4012791857
import crypto from "node:crypto";
import type { JsapiPayParams, WechatAccount } from "../types";

const NONCE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** paySign = base64 SHA256withRSA (merchant API key) over appId\ntimeStamp\nnonceStr\npackage\n. */
export function jsapiParams(
  account: Pick<WechatAccount, "appId" | "privateKeyPem">,
  prepayId: string,
  now: Date = new Date(),
  nonce: string = randomNonce(),
): JsapiPayParams {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(prepayId)) throw new Error("prepay_id 格式不正确");
  const timeStamp = String(Math.floor(now.getTime() / 1000));
  const pkg = `prepay_id=${prepayId}`;
  const message = `${account.appId}\n${timeStamp}\n${nonce}\n${pkg}\n`;
  const paySign = crypto.sign("sha256", Buffer.from(message, "utf8"), crypto.createPrivateKey(account.privateKeyPem)).toString("base64");
  return { appId: account.appId, timeStamp, nonceStr: nonce, package: pkg, signType: "RSA", paySign };
}

function randomNonce(): string {
  return Array.from({ length: 32 }, () => NONCE_ALPHABET[crypto.randomInt(NONCE_ALPHABET.length)]).join("");
}
