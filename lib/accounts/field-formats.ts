// The shapes of a receiving account's ids and keys, in one place for the server's check
// (./schemas.ts) and the console's inline check as the admin types (browser-safe: no node:crypto).
// The server still checks the keys themselves (that they parse, and belong together).
export interface FieldFormat {
  pattern: RegExp;
  message: string;
}

export const ACCOUNT_FORMATS = {
  wechatAppId: { pattern: /^wx[0-9A-Za-z]{16}$/, message: "AppID 应为 wx 开头的 18 位字符（公众号或小程序的 AppID）" },
  mchId: { pattern: /^\d{8,12}$/, message: "商户号应为 8 到 12 位数字" },
  apiV3Key: { pattern: /^[\x21-\x7e]{32}$/, message: "APIv3 密钥必须是 32 个字符（商户平台 → API安全 → 设置APIv3密钥）" },
  certSerialNo: { pattern: /^[0-9A-Fa-f]{8,64}$/, message: "证书序列号应为十六进制（商户平台 → API安全 → API证书）" },
  platformPublicKeyId: { pattern: /^PUB_KEY_ID_[0-9A-Za-z_]+$/, message: "微信支付公钥 ID 应形如 PUB_KEY_ID_0112…" },
  appSecret: { pattern: /^[0-9A-Za-z]{32}$/, message: "公众号 AppSecret 应为 32 位字母或数字（公众号后台 → 设置与开发 → 基本配置），不是 APIv3 密钥" },
  alipayAppId: { pattern: /^\d{16}$/, message: "APPID 应为 16 位数字（开放平台 → 应用详情）" },
  sellerId: { pattern: /^2088\d{12}$/, message: "收款支付宝账号 ID 应为 2088 开头的 16 位数字" },
} satisfies Record<string, FieldFormat>;

// The shortest bare Base64 that could be a key (an EC public key is ~120 characters).
const BARE_BASE64_MIN_CHARS = 64;

/** Text pasted as a key or certificate that is neither a PEM block nor bare Base64 (a key tool's one line). */
export function notPemProblem(value: string): string | null {
  const text = value.trim();
  if (text === "" || text.includes("-----BEGIN")) return null;
  const bare = text.replace(/\s+/g, "");
  if (bare.length >= BARE_BASE64_MIN_CHARS && /^[A-Za-z0-9+/]+={0,2}$/.test(bare)) return null;
  return "内容不像 PEM：应以 -----BEGIN 开头（或粘贴不带首尾行的 Base64）";
}
