// The add/edit form's fields per platform, in display order. Shared by the form and its pages.
import { ACCOUNT_FORMATS, notPemProblem, type FieldFormat } from "@/lib/accounts/field-formats";

export type FieldKind = "text" | "secret" | "pem" | "secret-pem";

export interface AccountField {
  name: string;
  label: string;
  kind: FieldKind;
  hint?: string;
  placeholder?: string;
  optional?: boolean;
  /** Alipay: shown only in this key mode. */
  mode?: "public_key" | "cert";
  /** Checked as the admin leaves the field (the server checks again). */
  format?: FieldFormat;
}

export const WECHAT_FIELDS: AccountField[] = [
  { name: "name", label: "账户名称", kind: "text", placeholder: "例如：读书会微信收款" },
  { name: "appId", label: "AppID", kind: "text", placeholder: "wx 开头的 18 位", hint: "与商户号绑定的公众号、小程序或移动应用的 AppID", format: ACCOUNT_FORMATS.wechatAppId },
  { name: "mchId", label: "商户号（mchid）", kind: "text", placeholder: "例如 1900000109", format: ACCOUNT_FORMATS.mchId },
  { name: "apiV3Key", label: "APIv3 密钥", kind: "secret", hint: "32 个字符，商户平台 → 账户中心 → API安全 → 设置APIv3密钥", format: ACCOUNT_FORMATS.apiV3Key },
  { name: "privateKeyPem", label: "商户 API 私钥（apiclient_key.pem）", kind: "secret-pem" },
  { name: "certPem", label: "商户 API 证书（apiclient_cert.pem）", kind: "pem" },
  { name: "certSerialNo", label: "商户证书序列号", kind: "text", optional: true, hint: "留空则从商户 API 证书中读取", format: ACCOUNT_FORMATS.certSerialNo },
  { name: "platformPublicKeyId", label: "微信支付公钥 ID", kind: "text", optional: true, placeholder: "PUB_KEY_ID_…", hint: "使用“微信支付公钥”验签时填写；不填则使用平台证书模式", format: ACCOUNT_FORMATS.platformPublicKeyId },
  { name: "platformPublicKeyPem", label: "微信支付公钥（pub_key.pem）", kind: "pem", optional: true },
  { name: "apiBaseUrl", label: "接口地址", kind: "text", optional: true, hint: "默认 https://api.mch.weixin.qq.com；http 只允许本机（模拟器）" },
  {
    name: "appSecret",
    label: "公众号 AppSecret（可选）",
    kind: "secret",
    optional: true,
    hint: "公众号后台 → 设置与开发 → 基本配置。填写后，在微信内打开表单的付款人可直接用公众号支付；不填则只能长按识别二维码付款",
    format: ACCOUNT_FORMATS.appSecret,
  },
];

export const ALIPAY_FIELDS: AccountField[] = [
  { name: "name", label: "账户名称", kind: "text", placeholder: "例如：读书会支付宝收款" },
  { name: "appId", label: "APPID", kind: "text", placeholder: "16 位数字", hint: "开放平台 → 应用详情", format: ACCOUNT_FORMATS.alipayAppId },
  { name: "sellerId", label: "收款支付宝账号 ID（可选）", kind: "text", optional: true, placeholder: "2088 开头的 16 位数字", hint: "填写后，通知中的 seller_id 必须与之一致", format: ACCOUNT_FORMATS.sellerId },
  { name: "privateKeyPem", label: "应用私钥", kind: "secret-pem", hint: "PEM，或支付宝密钥工具生成的一整行 base64" },
  { name: "alipayPublicKeyPem", label: "支付宝公钥", kind: "pem", mode: "public_key", hint: "开放平台 → 接口加签方式 → 支付宝公钥（不是应用公钥）" },
  { name: "appCertPem", label: "应用公钥证书（appCertPublicKey_….crt）", kind: "pem", mode: "cert" },
  { name: "alipayPublicCertPem", label: "支付宝公钥证书（alipayCertPublicKey_RSA2.crt）", kind: "pem", mode: "cert" },
  { name: "alipayRootCertPem", label: "支付宝根证书（alipayRootCert.crt）", kind: "pem", mode: "cert" },
  { name: "gatewayUrl", label: "自定义网关地址（可选）", kind: "text", optional: true, hint: "留空则按上面的环境选择；模拟器填 …/sandbox/alipay/gateway.do" },
];

export type FormValues = Record<string, string | boolean>;

/** What is wrong with one field's value as typed, or null; `saved`: a secret kept when left empty. */
export function fieldProblem(field: AccountField, value: string, saved: boolean): string | null {
  const text = value.trim();
  if (text === "") return field.optional || saved ? null : `请填写${field.label.replace(/（.*$/, "")}`;
  if (field.format && !field.format.pattern.test(field.kind === "secret" ? value : text)) return field.format.message;
  if (field.kind === "pem" || field.kind === "secret-pem") return notPemProblem(value);
  return null;
}
