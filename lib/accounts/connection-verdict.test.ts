import { expect, test } from "vitest";
import { PaymentPlatformError } from "@/lib/payments/types";
import { classifyFailure } from "./connection-verdict";

const err = (kind: "rejected" | "unavailable", code: string, message = "") => new PaymentPlatformError(kind, code, message);

test.each([
  ["wechat", err("rejected", "SIGN_ERROR", "微信支付未能验证本方请求签名（401 SIGN_ERROR）"), "平台拒绝了本方签名", "商户私钥"],
  ["wechat", err("unavailable", "UNVERIFIED_RESPONSE", "微信支付应答验签失败（SIGN_ERROR）"), "平台应答验签失败", "微信支付公钥"],
  ["wechat", err("unavailable", "UNVERIFIED_RESPONSE", "无法下载微信支付平台证书：解密失败：APIv3 密钥不符"), "无法解密", "APIv3"],
  ["wechat", err("unavailable", "NETWORK_ERROR", "无法连接微信支付"), "没有应答", "接口地址"],
  ["wechat", err("rejected", "APPID_MCHID_NOT_MATCH"), "APPID_MCHID_NOT_MATCH", "AppID"],
  ["alipay", err("rejected", "isv.invalid-signature", "验签出错"), "平台拒绝了本方签名", "应用私钥"],
  ["alipay", err("unavailable", "INVALID_RESPONSE_SIGNATURE", "应答签名无效"), "平台应答验签失败", "支付宝公钥"],
  ["alipay", err("unavailable", "GATEWAY_ERROR", "alipay.trade.query：fetch failed"), "没有应答", "网关地址"],
  ["alipay", err("rejected", "isv.invalid-app-id"), "不认识", "APPID"],
  ["alipay", err("unavailable", "SYSTEM_ERROR"), "暂时不可用", "稍后"],
] as const)("%s %o → %s", (provider, error, verdict, hint) => {
  const v = classifyFailure(provider, error);
  expect(v.verdict).toContain(verdict);
  expect(v.hint).toContain(hint);
});
