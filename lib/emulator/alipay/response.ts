// Gateway answers: {"<method>_response":<inner>[,"alipay_cert_sn":"…"],"sign":"…"}, the sign over
// the exact inner text and always last. alipay-sdk cuts the signed text out of the raw body by
// position (getSignStr), so the order and a real-length signature matter.
import { alipayKeys } from "./credentials";
import { rsa2Sign } from "./sign";

export type Inner = Record<string, string>;

/** "alipay.trade.query" → "alipay_trade_query_response". */
export function responseKey(method: string): string {
  return `${method.replaceAll(".", "_")}_response`;
}

/** Alipay's JSON style: compact, raw UTF-8, "/" escaped as "\/". "/" never occurs outside strings. */
export function alipayJson(value: unknown): string {
  return JSON.stringify(value).replaceAll("/", "\\/");
}

export interface SignedBodyOptions {
  /** Certificate-mode callers get alipay_cert_sn before the sign. */
  certMode?: boolean;
}

export function signedBody(key: string, inner: Inner, options: SignedBodyOptions = {}): string {
  const keys = alipayKeys();
  const innerText = alipayJson(inner);
  const sign = rsa2Sign(innerText, keys.alipayPrivateKey);
  const certSn = options.certMode ? `,"alipay_cert_sn":${JSON.stringify(keys.alipayCertSn)}` : "";
  // The sign is written as is: Alipay escapes "/" inside the response node, not in the signature.
  return `{${JSON.stringify(key)}:${innerText}${certSn},"sign":${JSON.stringify(sign)}}`;
}

export function signedResponse(key: string, inner: Inner, options: SignedBodyOptions = {}): Response {
  return new Response(signedBody(key, inner, options), {
    status: 200,
    headers: { "Content-Type": "text/html;charset=utf-8" },
  });
}

// Public error codes, https://opendocs.alipay.com/common/02km9f
export const MSG: Record<string, string> = {
  "10000": "Success",
  "20000": "Service Currently Unavailable",
  "40001": "Missing Required Arguments",
  "40002": "Invalid Arguments",
  "40004": "Business Failed",
};

export function errorInner(code: string, subCode: string, subMsg: string, extra: Inner = {}): Inner {
  return { code, msg: MSG[code] ?? "Business Failed", sub_code: subCode, sub_msg: subMsg, ...extra };
}
