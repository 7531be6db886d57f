// The gateway's checks on a merchant request, in the order Alipay reports them: required
// parameters, the app, charset, timestamp, certificate serials, then the RSA2 signature.
import { alipayKeys } from "./credentials";
import { errorInner, type Inner } from "./response";
import { REQUEST_EXCLUDE, rsa2Verify, signContent, type Params } from "./sign";
import { parseBeijingTime } from "./time";

export type RequestCheck = { ok: true; certMode: boolean } | { ok: false; error: Inner; certMode: boolean };

/** Seconds a request timestamp may differ from now; EMULATOR_ALIPAY_TIMESTAMP_TOLERANCE_SECONDS, 0 = unchecked. */
export function timestampToleranceSeconds(): number {
  const raw = process.env.EMULATOR_ALIPAY_TIMESTAMP_TOLERANCE_SECONDS;
  const value = raw === undefined || raw === "" ? 900 : Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : 900;
}

const REQUIRED: [param: string, subCode: string, subMsg: string][] = [
  ["app_id", "isv.missing-app-id", "缺少appId参数"],
  ["sign_type", "isv.missing-signature-type", "缺少签名类型参数"],
  ["sign", "isv.missing-signature", "缺少签名参数"],
  ["timestamp", "isv.missing-timestamp", "缺少时间戳参数"],
  ["version", "isv.missing-version", "缺少版本参数"],
];

export function verifyRequest(params: Params, now = Date.now()): RequestCheck {
  const certMode = Boolean(params.app_cert_sn);
  const fail = (error: Inner): RequestCheck => ({ ok: false, error, certMode });
  const keys = alipayKeys();

  for (const [param, subCode, subMsg] of REQUIRED) {
    if (!params[param]) return fail(errorInner("40001", subCode, subMsg));
  }
  if (params.app_id !== keys.appId) return fail(errorInner("40002", "isv.invalid-app-id", "无效的AppID参数"));
  if (params.charset && params.charset.toLowerCase() !== "utf-8") {
    // Alipay also takes gbk; this emulator speaks utf-8 only.
    return fail(errorInner("40002", "isv.invalid-charset", "字符集错误"));
  }
  if (params.sign_type !== "RSA2") return fail(errorInner("40002", "isv.invalid-signature-type", "无效的签名类型"));

  const sentAt = parseBeijingTime(params.timestamp);
  const tolerance = timestampToleranceSeconds();
  if (sentAt === null || (tolerance > 0 && Math.abs(now - sentAt) > tolerance * 1000)) {
    return fail(errorInner("40002", "isv.invalid-timestamp", "非法的时间戳参数"));
  }

  let publicKey = keys.appPublicKey;
  if (certMode) {
    // Sub-codes for serial mismatches are not in Alipay's public table; these name the fault plainly.
    if (params.app_cert_sn !== keys.appCertSn) {
      return fail(errorInner("40002", "isv.invalid-app-cert-sn", "应用公钥证书序列号不匹配"));
    }
    if (params.alipay_root_cert_sn !== keys.alipayRootCertSn) {
      return fail(errorInner("40002", "isv.invalid-alipay-root-cert-sn", "支付宝根证书序列号不匹配"));
    }
    publicKey = keys.appCertPublicKey;
  }

  const content = signContent(params, REQUEST_EXCLUDE);
  if (!rsa2Verify(content, params.sign, publicKey)) {
    // Alipay quotes the string it verified (HTML-escaped) so the merchant can diff it with theirs.
    const quoted = content.replaceAll("&", "&amp;");
    return fail(
      errorInner("40002", "isv.invalid-signature", `验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配，网关生成的验签字符串为：${quoted}`),
    );
  }
  return { ok: true, certMode };
}
