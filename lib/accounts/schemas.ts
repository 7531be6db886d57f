// What an admin may save as a receiving account. Syntax first (ids, URLs), then the keys are
// parsed with node:crypto and cross-checked (certificate ↔ private key, serial ↔ certificate).
// The output holds canonical PEMs (PKCS#8 / SPKI), whatever form was pasted.
import type { KeyObject } from "node:crypto";
import { z } from "zod";
import { ALIPAY_GATEWAY, ALIPAY_SANDBOX_GATEWAY, WECHAT_OFFICIAL_BASE_URL } from "@/lib/accounts/env-accounts";
import { checkCertificate, checkCertificateBundle, checkPrivateKey, checkPublicKey, normaliseSerial, normalizePem, samePublicKey } from "./pem";
import { apiUrlProblem } from "./urls";

/** "" from an empty input means "not given". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

const required = (what: string) => z.string({ error: `请填写${what}` }).trim().min(1, `请填写${what}`);
const pem = (what: string) => required(what).max(20_000, `${what}过长`);
const apiUrl = (what: string) =>
  z.string().trim().superRefine((v, ctx) => {
    const problem = apiUrlProblem(v);
    if (problem) ctx.addIssue({ code: "custom", message: `${what}${problem}` });
  });

const name = required("账户名称").max(60, "账户名称最多 60 个字");

export const wechatAccountInput = z
  .object({
    provider: z.literal("wechat"),
    name,
    appId: required("AppID").regex(/^wx[0-9A-Za-z]{16}$/, "AppID 应为 wx 开头的 18 位字符（公众号或小程序的 AppID）"),
    mchId: required("商户号").regex(/^\d{8,12}$/, "商户号应为 8 到 12 位数字"),
    apiV3Key: z.string({ error: "请填写 APIv3 密钥" }).regex(/^[\x21-\x7e]{32}$/, "APIv3 密钥必须是 32 个字符（商户平台 → API安全 → 设置APIv3密钥）"),
    certSerialNo: optional(z.string().trim().regex(/^[0-9A-Fa-f]{8,64}$/, "证书序列号应为十六进制（商户平台 → API安全 → API证书）")),
    privateKeyPem: pem("商户 API 私钥（apiclient_key.pem）"),
    certPem: pem("商户 API 证书（apiclient_cert.pem）"),
    platformPublicKeyPem: optional(pem("微信支付公钥")),
    platformPublicKeyId: optional(z.string().trim().regex(/^PUB_KEY_ID_[0-9A-Za-z_]+$/, "微信支付公钥 ID 应形如 PUB_KEY_ID_0112…")),
    apiBaseUrl: optional(apiUrl("接口地址")).transform((v) => (v ?? WECHAT_OFFICIAL_BASE_URL).replace(/\/+$/, "")),
    // Optional: without it the account offers no 公众号支付 (JSAPI) to payers inside WeChat.
    appSecret: optional(z.string().trim().regex(/^[0-9A-Za-z]{32}$/, "公众号 AppSecret 应为 32 位字母或数字（公众号后台 → 设置与开发 → 基本配置），不是 APIv3 密钥")),
  })
  .transform((v, ctx) => {
    const fail = (path: string, message: string) => {
      ctx.addIssue({ code: "custom", path: [path], message });
      return z.NEVER;
    };
    const key = checkPrivateKey(normalizePem(v.privateKeyPem, "PRIVATE KEY"));
    if (!key.ok) return fail("privateKeyPem", `商户 API 私钥${key.issue}`);
    const cert = checkCertificate(tidy(v.certPem));
    if (!cert.ok) return fail("certPem", `商户 API 证书${cert.issue}`);
    if (!samePublicKey(cert.value.publicKey, key.value)) {
      return fail("certPem", "商户 API 证书与商户 API 私钥不是一对：请上传同一次申请得到的 apiclient_cert.pem 与 apiclient_key.pem");
    }
    const serialInCert = normaliseSerial(cert.value.serialNumber);
    if (v.certSerialNo && normaliseSerial(v.certSerialNo) !== serialInCert) {
      return fail("certSerialNo", `证书序列号与商户 API 证书不符（证书中的序列号是 ${serialInCert}）`);
    }
    if (Boolean(v.platformPublicKeyPem) !== Boolean(v.platformPublicKeyId)) {
      return fail(v.platformPublicKeyPem ? "platformPublicKeyId" : "platformPublicKeyPem", "微信支付公钥与公钥 ID 需同时填写（或都不填，使用平台证书模式）");
    }
    let platformPublicKeyPem: string | undefined;
    if (v.platformPublicKeyPem) {
      const pub = checkPublicKey(normalizePem(v.platformPublicKeyPem, "PUBLIC KEY"));
      if (!pub.ok) return fail("platformPublicKeyPem", `微信支付公钥${pub.issue}`);
      platformPublicKeyPem = exportPublic(pub.value);
    }
    return {
      provider: "wechat" as const,
      name: v.name,
      appId: v.appId,
      merchantId: v.mchId,
      config: {
        certSerialNo: serialInCert,
        certPem: cert.value.toString(),
        platformPublicKeyPem,
        platformPublicKeyId: v.platformPublicKeyId,
        apiBaseUrl: v.apiBaseUrl,
        hasAppSecret: Boolean(v.appSecret),
      },
      secrets: { apiV3Key: v.apiV3Key, privateKeyPem: exportPrivate(key.value), ...(v.appSecret ? { appSecret: v.appSecret } : {}) },
    };
  });

export const alipayAccountInput = z
  .object({
    provider: z.literal("alipay"),
    name,
    appId: required("APPID").regex(/^\d{16}$/, "APPID 应为 16 位数字（开放平台 → 应用详情）"),
    sellerId: optional(z.string().trim().regex(/^2088\d{12}$/, "收款支付宝账号 ID 应为 2088 开头的 16 位数字")),
    privateKeyPem: pem("应用私钥"),
    mode: z.enum(["public_key", "cert"], { error: "请选择接口加签方式：公钥或证书" }),
    alipayPublicKeyPem: optional(pem("支付宝公钥")),
    appCertPem: optional(pem("应用公钥证书")),
    alipayPublicCertPem: optional(pem("支付宝公钥证书")),
    alipayRootCertPem: optional(pem("支付宝根证书")),
    sandbox: z.boolean().default(false),
    gatewayUrl: optional(apiUrl("网关地址")),
  })
  .transform((v, ctx) => {
    const fail = (path: string, message: string) => {
      ctx.addIssue({ code: "custom", path: [path], message });
      return z.NEVER;
    };
    const key = checkPrivateKey(normalizePem(v.privateKeyPem, "PRIVATE KEY"));
    if (!key.ok) return fail("privateKeyPem", `应用私钥${key.issue}`);
    const config = {
      mode: v.mode,
      sellerId: v.sellerId,
      gatewayUrl: v.gatewayUrl ?? (v.sandbox ? ALIPAY_SANDBOX_GATEWAY : ALIPAY_GATEWAY),
      sandbox: v.sandbox,
    };
    const account = (extra: object) => ({
      provider: "alipay" as const,
      name: v.name,
      appId: v.appId,
      merchantId: v.sellerId ?? "",
      config: { ...config, ...extra },
      secrets: { privateKeyPem: exportPrivate(key.value) },
    });

    if (v.mode === "public_key") {
      if (!v.alipayPublicKeyPem) return fail("alipayPublicKeyPem", "公钥模式需要支付宝公钥（开放平台 → 接口加签方式 → 查看支付宝公钥）");
      const pub = checkPublicKey(normalizePem(v.alipayPublicKeyPem, "PUBLIC KEY"));
      if (!pub.ok) return fail("alipayPublicKeyPem", `支付宝公钥${pub.issue}`);
      if (samePublicKey(pub.value, key.value)) {
        return fail("alipayPublicKeyPem", "这是应用公钥，不是支付宝公钥：请填写开放平台上“支付宝公钥”一栏的内容");
      }
      return account({ alipayPublicKeyPem: exportPublic(pub.value) });
    }

    if (!v.appCertPem) return fail("appCertPem", "证书模式需要应用公钥证书（appCertPublicKey_….crt）");
    if (!v.alipayPublicCertPem) return fail("alipayPublicCertPem", "证书模式需要支付宝公钥证书（alipayCertPublicKey_RSA2.crt）");
    if (!v.alipayRootCertPem) return fail("alipayRootCertPem", "证书模式需要支付宝根证书（alipayRootCert.crt）");
    const appCert = checkCertificate(v.appCertPem);
    if (!appCert.ok) return fail("appCertPem", `应用公钥证书${appCert.issue}`);
    if (!samePublicKey(appCert.value.publicKey, key.value)) {
      return fail("appCertPem", "应用公钥证书与应用私钥不是一对：请上传与该私钥一起生成的 appCertPublicKey 证书");
    }
    const alipayCert = checkCertificate(v.alipayPublicCertPem);
    if (!alipayCert.ok) return fail("alipayPublicCertPem", `支付宝公钥证书${alipayCert.issue}`);
    const root = checkCertificateBundle(v.alipayRootCertPem);
    if (!root.ok) return fail("alipayRootCertPem", `支付宝根证书${root.issue}`);
    return account({
      appCertPem: tidy(v.appCertPem),
      alipayPublicCertPem: tidy(v.alipayPublicCertPem),
      // Kept whole: the SDK derives the root serial from every certificate in the bundle.
      alipayRootCertPem: tidy(v.alipayRootCertPem),
    });
  });

export const accountProvider = z.object({
  provider: z.enum(["wechat", "alipay"], { error: "provider 应为 wechat 或 alipay" }),
});
export type AccountInput = z.output<typeof wechatAccountInput> | z.output<typeof alipayAccountInput>;

/** Edits: secrets left empty keep the saved ones (they are never sent back to the browser). */
export const SECRET_FIELDS = { wechat: ["apiV3Key", "privateKeyPem", "appSecret"], alipay: ["privateKeyPem"] } as const;

export const enabledBody = z.object({ enabled: z.boolean({ error: "enabled 应为 true 或 false" }) });

const exportPrivate = (key: KeyObject) => String(key.export({ type: "pkcs8", format: "pem" }));
const exportPublic = (key: KeyObject) => String(key.export({ type: "spki", format: "pem" }));
const tidy = (text: string) => `${text.replace(/\r\n?/g, "\n").trim()}\n`;
