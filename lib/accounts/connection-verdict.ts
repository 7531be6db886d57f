// Which side of the signed exchange failed, from the adapter's error, in words an admin can act on.
// Order matters: "no answer" first, then "we could not verify their answer", then "they refused ours".
import { PaymentPlatformError, type ProviderId } from "@/lib/payments/types";

export interface Verdict {
  verdict: string;
  hint: string | null;
}

// Alipay gateway sub_codes that mean "your signature (or the certificate naming your key) is wrong".
const ALIPAY_SIGNATURE_CODES = new Set([
  "isv.invalid-signature",
  "isv.missing-signature",
  "isv.invalid-signature-type",
  "isv.invalid-app-cert-sn",
  "isv.invalid-alipay-root-cert-sn",
]);
const WECHAT_ACCOUNT_CODES = new Set(["MCH_NOT_EXISTS", "APPID_MCHID_NOT_MATCH", "NO_AUTH", "INVALID_REQUEST", "PARAM_ERROR"]);
// The adapters' codes for an answer whose signature we could not check.
const RESPONSE_UNVERIFIED_CODES = new Set(["UNVERIFIED_RESPONSE", "INVALID_RESPONSE_SIGNATURE"]);
const NO_ANSWER = /fetch failed|ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|timed? ?out|socket hang up|无法连接|没有应答/i;

export function classifyFailure(provider: ProviderId, error: unknown): Verdict {
  const wechat = provider === "wechat";
  if (!(error instanceof PaymentPlatformError)) {
    return { verdict: "调用平台时出错", hint: "请查看详情；若是密钥格式问题，请重新上传密钥" };
  }
  const code = error.platformCode;
  if (code === "NETWORK_ERROR" || code === "TIMEOUT" || (error.kind === "unavailable" && NO_ANSWER.test(error.message))) {
    return { verdict: "平台没有应答（网络）", hint: `检查${wechat ? "接口地址" : "网关地址"}是否正确，以及本机能否访问它` };
  }
  if (RESPONSE_UNVERIFIED_CODES.has(code)) {
    // WeChat certificate mode: the platform certificates are encrypted with the APIv3 key.
    if (/APIv3|解密/.test(error.message)) return { verdict: "无法解密微信支付平台证书", hint: "检查 APIv3 密钥" };
    return {
      verdict: "本方签名已被平台接受，但平台应答验签失败",
      hint: wechat ? "检查微信支付公钥与公钥 ID（平台证书模式下检查 APIv3 密钥）" : "检查支付宝公钥（证书模式下检查支付宝公钥证书与根证书）",
    };
  }
  if (error.kind === "rejected" && (wechat ? code === "SIGN_ERROR" : ALIPAY_SIGNATURE_CODES.has(code))) {
    return {
      verdict: "平台拒绝了本方签名",
      hint: wechat ? "检查商户私钥与证书序列号（以及商户号）是否对应同一张商户 API 证书" : "检查应用私钥（证书模式还要检查应用公钥证书与支付宝根证书）",
    };
  }
  if (!wechat && code === "isv.invalid-app-id") return { verdict: "平台不认识这个应用", hint: "检查 APPID，以及网关是否选对（正式环境 / 沙箱）" };
  if (wechat && WECHAT_ACCOUNT_CODES.has(code)) return { verdict: `平台拒绝了请求（${code}）`, hint: "检查 AppID 与商户号是否正确且已绑定" };
  if (error.kind === "unavailable") return { verdict: `平台暂时不可用（${code}）`, hint: "稍后再试" };
  return { verdict: `平台拒绝了请求（${code}）`, hint: wechat ? "检查 AppID 与商户号" : "检查 APPID 与收款账号" };
}
