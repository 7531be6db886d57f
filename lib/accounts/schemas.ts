// What an admin may save as a receiving account. Syntax first (ids, URLs), then the keys are
// parsed with node:crypto and cross-checked (certificate ↔ private key, serial ↔ certificate).
// The output holds canonical PEMs (PKCS#8 / SPKI), whatever form was pasted.
import type { KeyObject } from "node:crypto";
import { z } from "zod";
import { ALIPAY_GATEWAY, ALIPAY_SANDBOX_GATEWAY, WECHAT_OFFICIAL_BASE_URL } from "@/lib/accounts/env-accounts";
import { checkCertificate, checkCertificateBundle, checkPrivateKey, checkPublicKey, normaliseSerial, normalizePem, samePublicKey } from "./pem";
import { ACCOUNT_FORMATS as F } from "./field-formats";
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
    appId: required("AppID").regex(F.wechatAppId.pattern, F.wechatAppId.message),
    mchId: required("商户号").regex(F.mchId.pattern, F.mchId.message),
    apiV3Key: z.string({ error: "请填写 APIv3 密钥" }).regex(F.apiV3Key.pattern, F.apiV3Key.message),
    certSerialNo: optional(z.string().trim().regex(F.certSerialNo.pattern, F.certSerialNo.message)),
    privateKeyPem: pem("商户 API 私钥（apiclient_key.pem）"),
    certPem: pem("商户 API 证书（apiclient_cert.pem）"),
    platformPublicKeyPem: optional(pem("微信支付公钥")),
    platformPublicKeyId: optional(z.string().trim().regex(F.platformPublicKeyId.pattern, F.platformPublicKeyId.message)),
    apiBaseUrl: optional(apiUrl("接口地址")).transform((v) => (v ?? WECHAT_OFFICIAL_BASE_URL).replace(/\/+$/, "")),
    // Optional: without it the account offers no 公众号支付 (JSAPI) to payers inside WeChat.
    appSecret: optional(z.string().trim().regex(F.appSecret.pattern, F.appSecret.message)),
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
    appId: required("APPID").regex(F.alipayAppId.pattern, F.alipayAppId.message),
    sellerId: optional(z.string().trim().regex(F.sellerId.pattern, F.sellerId.message)),
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
