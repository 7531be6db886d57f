// Request authentication, as the platform does it: the Authorization header parsed strictly, the
// five-line message verified with the merchant certificate named by serial_no, a fresh timestamp,
// and the header's mchid equal to the one in the body or query.
// https://pay.weixin.qq.com/wiki/doc/api_external/ch/wechatpay/wechatpay4_0.shtml
import crypto from "node:crypto";
import { wechatKeys } from "./credentials";

export const AUTH_SCHEME = "WECHATPAY2-SHA256-RSA2048";
const FIELDS = ["mchid", "nonce_str", "signature", "timestamp", "serial_no"] as const;
export type AuthorizationFields = Record<(typeof FIELDS)[number], string>;
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

const FORMAT_ERROR = "Http头Authorization值格式错误，请参考《微信支付商户REST API签名规则》";

/** The five key="value" pairs, in any order, each exactly once; a string says what is wrong. */
export function parseAuthorization(header: string | null): AuthorizationFields | string {
  if (!header) return "Http头缺少Authorization或值为空";
  if (!header.startsWith(`${AUTH_SCHEME} `)) return `${FORMAT_ERROR}（认证类型须为 ${AUTH_SCHEME}）`;
  const rest = header.slice(AUTH_SCHEME.length + 1);
  const pair = /\s*([a-z_]+)="([^"]*)"\s*(,|$)/y;
  const found: Partial<AuthorizationFields> = {};
  let last = "";
  while (pair.lastIndex < rest.length) {
    const m = pair.exec(rest);
    if (!m) return FORMAT_ERROR;
    const [, name, value, separator] = m;
    if (!(FIELDS as readonly string[]).includes(name)) return `${FORMAT_ERROR}（未知字段 ${name}）`;
    if (name in found) return `${FORMAT_ERROR}（字段 ${name} 重复）`;
    if (!value) return `${FORMAT_ERROR}（${name} 为空）`;
    found[name as keyof AuthorizationFields] = value;
    last = separator;
    if (separator === "") break;
  }
  if (last === "," || pair.lastIndex < rest.length) return FORMAT_ERROR;
  const missing = FIELDS.filter((f) => !found[f]);
  if (missing.length) return `${FORMAT_ERROR}（缺少 ${missing.join(", ")}）`;
  return found as AuthorizationFields;
}

export interface SignedRequest {
  method: string;
  /** Path and query exactly as received (mount prefix included): what the merchant signed. */
  target: string;
  authorization: string | null;
  body: Buffer;
  /** The mchid in the body (POST) or query (GET), if there is one. */
  payloadMchId?: string;
  payloadLocation: "body" | "query";
}

export type AuthResult = { ok: true; mchId: string } | { ok: false; message: string };

export function authenticate(request: SignedRequest, now = Date.now()): AuthResult {
  const fail = (message: string): AuthResult => ({ ok: false, message });
  const auth = parseAuthorization(request.authorization);
  if (typeof auth === "string") return fail(auth);
  const keys = wechatKeys();

  if (auth.mchid !== keys.mchId) return fail(`商户号 ${auth.mchid} 不存在，或与商户证书不匹配`);
  if (auth.serial_no.toUpperCase() !== keys.merchantCertSerial) return fail("商户证书序列号有误：serial_no 不是该商户有效的API证书序列号");
  const validFrom = Date.parse(keys.merchantCert.validFrom);
  const validTo = Date.parse(keys.merchantCert.validTo);
  if (now < validFrom || now > validTo) return fail("商户API证书不在有效期内");

  // Unix seconds; 13 digits would be milliseconds, a documented common mistake.
  if (!/^\d{1,10}$/.test(auth.timestamp)) return fail("Authorization中的timestamp须为以秒为单位的Unix时间戳");
  if (Math.abs(now - Number(auth.timestamp) * 1000) > MAX_CLOCK_SKEW_MS) {
    return fail("Authorization中的timestamp与服务器时间相差超过5分钟，请求已过期或系统时间不准");
  }

  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(auth.signature)) return fail("签名信息错误，验签失败（signature 不是 Base64）");
  const head = `${request.method}\n${request.target}\n${auth.timestamp}\n${auth.nonce_str}\n`;
  const message = Buffer.concat([Buffer.from(head, "utf8"), request.body, Buffer.from("\n")]);
  const valid = crypto.verify("sha256", message, keys.merchantCert.publicKey, Buffer.from(auth.signature, "base64"));
  if (!valid) return fail("签名信息错误，验签失败");

  if (request.payloadMchId !== undefined && request.payloadMchId !== auth.mchid) {
    const where = request.payloadLocation === "body" ? "post payload" : "query string";
    return fail(`http header中的mchid与${where}中的mchid不匹配`);
  }
  return { ok: true, mchId: auth.mchid };
}
