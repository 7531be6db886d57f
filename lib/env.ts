// Every setting, read from the environment (Next loads .env.local) and validated once with zod.
// Messages name the variable and say how to fix it.
import fs from "node:fs";
import { z } from "zod";
import { emulatorEnabled, hasCredentials } from "@/lib/emulator-switch";
import { bodyLimitSettings } from "@/lib/http/body-limits";

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

const url = (name: string) =>
  z
    .string()
    .trim()
    .refine((value) => URL.canParse(value), `${name} must be an absolute URL such as https://pay.example.com`);

const wholeNumber = (name: string, min: number, max: number) =>
  z.coerce
    .number({ message: `${name} must be a whole number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be between ${min} and ${max}`)
    .max(max, `${name} must be between ${min} and ${max}`);

const baseSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().trim().default("data/app.db"),
  SERVER_BASE_URL: url("SERVER_BASE_URL").default("http://localhost:3000").transform((v) => v.replace(/\/+$/, "")),
  PAYMENT_EMULATOR: z
    .enum(["on", "off", ""], { message: "PAYMENT_EMULATOR must be on or off (or unset for automatic)" })
    .optional(),
  PAYMENT_EMULATOR_ALLOW_IN_PRODUCTION: z.enum(["true", "false", ""]).optional(),
  ORDER_EXPIRES_MINUTES: z.coerce
    .number({ message: "ORDER_EXPIRES_MINUTES must be a whole number of minutes" })
    .int("ORDER_EXPIRES_MINUTES must be a whole number of minutes")
    .min(1, "ORDER_EXPIRES_MINUTES must be between 1 and 120")
    .max(120, "ORDER_EXPIRES_MINUTES must be between 1 and 120")
    .default(15),
  // A submission's places and stock are held at most this long from its first order, however often it pays again.
  SUBMISSION_HOLD_MAX_MINUTES: wholeNumber("SUBMISSION_HOLD_MAX_MINUTES", 1, 24 * 60).default(30),
  // Order creation and pay-again: at most this many per client IP, and per payer (phone or answers), per window.
  ORDER_RATE_LIMIT_PER_IP: wholeNumber("ORDER_RATE_LIMIT_PER_IP", 1, 1_000_000).default(30),
  ORDER_RATE_LIMIT_PER_PAYER: wholeNumber("ORDER_RATE_LIMIT_PER_PAYER", 1, 1_000_000).default(10),
  ORDER_RATE_LIMIT_WINDOW_SECONDS: wholeNumber("ORDER_RATE_LIMIT_WINDOW_SECONDS", 1, 86_400).default(600),
  // The pending-order sweep: platform queries per second per receiving account.
  SWEEP_QUERIES_PER_SECOND: wholeNumber("SWEEP_QUERIES_PER_SECOND", 1, 10_000).default(40),
  // Rejected notifies: journalled at most this many per source IP per minute, kept this many days.
  REJECTED_NOTIFY_LOG_PER_MINUTE: wholeNumber("REJECTED_NOTIFY_LOG_PER_MINUTE", 0, 1_000_000).default(30),
  REJECTED_NOTIFY_RETENTION_DAYS: wholeNumber("REJECTED_NOTIFY_RETENTION_DAYS", 1, 3650).default(7),
  // off on web processes when `npm run worker` runs the background jobs on its own.
  WORKER: z.enum(["on", "off", ""], { message: "WORKER must be on or off" }).optional(),
  // Read by lib/log.ts when it loads; validated here with the rest.
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent", ""], { message: "LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent" }).optional(),

  // Proxies in front of the app whose X-Forwarded-For / X-Forwarded-Host are believed (0: none, the socket is the client).
  TRUST_PROXY: wholeNumber("TRUST_PROXY", 0, 10).default(0),
  // Request bodies are refused (413) past these sizes, before they are read whole.
  ...bodyLimitSettings,

  WECHAT_APP_ID: optionalText,
  WECHAT_MCH_ID: optionalText,
  WECHAT_API_KEY: optionalText,
  WECHAT_CERT_SERIAL_NO: optionalText,
  WECHAT_PRIVATE_KEY_PATH: optionalText,
  WECHAT_CERT_PATH: optionalText,
  WECHAT_PLATFORM_PUBLIC_KEY_PATH: optionalText,
  WECHAT_PLATFORM_PUBLIC_KEY_ID: optionalText,
  WECHAT_NOTIFY_URL: optionalText,
  WECHAT_API_BASE_URL: optionalText,
  // Web authorization (openid for JSAPI): the official account's AppSecret and WeChat's two URLs.
  WECHAT_APP_SECRET: optionalText,
  WECHAT_OAUTH_AUTHORIZE_URL: optionalText,
  WECHAT_OAUTH_TOKEN_URL: optionalText,

  ALIPAY_APP_ID: optionalText,
  ALIPAY_SELLER_ID: optionalText,
  ALIPAY_PRIVATE_KEY_PATH: optionalText,
  ALIPAY_PUBLIC_KEY_PATH: optionalText,
  ALIPAY_APP_CERT_PATH: optionalText,
  ALIPAY_PUBLIC_CERT_PATH: optionalText,
  ALIPAY_ROOT_CERT_PATH: optionalText,
  ALIPAY_NOTIFY_URL: optionalText,
  ALIPAY_RETURN_URL: optionalText,
  ALIPAY_SANDBOX: z.enum(["true", "false", ""]).optional(),
  ALIPAY_GATEWAY_URL: optionalText,

  APP_ENCRYPTION_KEY: optionalText,
  ADMIN_USERNAME: optionalText,
  ADMIN_PASSWORD: optionalText,
});

export type RawSettings = z.infer<typeof baseSchema>;

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid settings:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "SettingsError";
  }
}

let cached: RawSettings | null = null;

/** The validated settings; throws SettingsError listing every problem at once. */
export function settings(): RawSettings {
  if (cached) return cached;
  const parsed = baseSchema.safeParse(process.env);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join(".")}: ${issue.message}`);
    throw new SettingsError(problems);
  }
  const s = parsed.data;
  problems.push(...crossFieldProblems(s));
  if (problems.length) throw new SettingsError(problems);
  cached = s;
  return s;
}

export function resetSettingsCache(): void {
  cached = null;
}

function crossFieldProblems(s: RawSettings): string[] {
  const problems: string[] = [];
  const env = process.env;
  if (s.NODE_ENV === "production" && s.PAYMENT_EMULATOR === "on" && s.PAYMENT_EMULATOR_ALLOW_IN_PRODUCTION !== "true") {
    problems.push(
      "PAYMENT_EMULATOR=on is refused when NODE_ENV=production: the emulator accepts fake payments. " +
        "Set PAYMENT_EMULATOR_ALLOW_IN_PRODUCTION=true only for a demo, or configure real credentials.",
    );
  }
  const demo = s.PAYMENT_EMULATOR_ALLOW_IN_PRODUCTION === "true";
  if (s.APP_ENCRYPTION_KEY && Buffer.from(s.APP_ENCRYPTION_KEY, "base64").length !== 32) {
    problems.push("APP_ENCRYPTION_KEY must be 32 random bytes in base64: generate one with `openssl rand -base64 32`");
  }
  if (s.NODE_ENV === "production" && !demo && !s.APP_ENCRYPTION_KEY) {
    problems.push(
      "APP_ENCRYPTION_KEY is required in production: it encrypts receiving-account secrets at rest. " +
        "Generate one with `openssl rand -base64 32`, keep it out of git, and back it up (without it the stored secrets are lost)",
    );
  }
  if (hasCredentials("wechat", env)) {
    const required = ["WECHAT_APP_ID", "WECHAT_API_KEY", "WECHAT_CERT_SERIAL_NO", "WECHAT_PRIVATE_KEY_PATH", "WECHAT_CERT_PATH"] as const;
    for (const name of required) {
      if (!s[name]) problems.push(`${name} is required because WECHAT_MCH_ID is set (see .env.local.example)`);
    }
    if (s.WECHAT_API_KEY && !/^[\x21-\x7e]{32}$/.test(s.WECHAT_API_KEY)) {
      problems.push("WECHAT_API_KEY must be the 32-character APIv3 key from the merchant platform (商户平台 → API安全)");
    }
    if (Boolean(s.WECHAT_PLATFORM_PUBLIC_KEY_PATH) !== Boolean(s.WECHAT_PLATFORM_PUBLIC_KEY_ID)) {
      problems.push("WECHAT_PLATFORM_PUBLIC_KEY_PATH and WECHAT_PLATFORM_PUBLIC_KEY_ID go together: set both for public-key mode, or neither for platform-certificate mode");
    }
    if (s.WECHAT_PLATFORM_PUBLIC_KEY_ID && !s.WECHAT_PLATFORM_PUBLIC_KEY_ID.startsWith("PUB_KEY_ID_")) {
      problems.push("WECHAT_PLATFORM_PUBLIC_KEY_ID must look like PUB_KEY_ID_… (商户平台 → API安全 → 微信支付公钥)");
    }
    for (const name of ["WECHAT_PRIVATE_KEY_PATH", "WECHAT_CERT_PATH", "WECHAT_PLATFORM_PUBLIC_KEY_PATH"] as const) {
      problems.push(...keyFileProblems(name, s[name]));
    }
    if (s.WECHAT_API_BASE_URL && !URL.canParse(s.WECHAT_API_BASE_URL)) problems.push("WECHAT_API_BASE_URL must be an absolute URL");
  }
  problems.push(...wechatOAuthProblems(s));
  if (hasCredentials("alipay", env)) {
    if (!s.ALIPAY_PRIVATE_KEY_PATH) problems.push("ALIPAY_PRIVATE_KEY_PATH is required because ALIPAY_APP_ID is set");
    const certMode = Boolean(s.ALIPAY_APP_CERT_PATH || s.ALIPAY_PUBLIC_CERT_PATH || s.ALIPAY_ROOT_CERT_PATH);
    if (certMode && !(s.ALIPAY_APP_CERT_PATH && s.ALIPAY_PUBLIC_CERT_PATH && s.ALIPAY_ROOT_CERT_PATH)) {
      problems.push("certificate mode needs all three of ALIPAY_APP_CERT_PATH, ALIPAY_PUBLIC_CERT_PATH and ALIPAY_ROOT_CERT_PATH");
    }
    if (!certMode && !s.ALIPAY_PUBLIC_KEY_PATH) {
      problems.push("ALIPAY_PUBLIC_KEY_PATH (public-key mode) or the three ALIPAY_*_CERT_PATH settings (certificate mode) are required because ALIPAY_APP_ID is set");
    }
    for (const name of ["ALIPAY_PRIVATE_KEY_PATH", "ALIPAY_PUBLIC_KEY_PATH", "ALIPAY_APP_CERT_PATH", "ALIPAY_PUBLIC_CERT_PATH", "ALIPAY_ROOT_CERT_PATH"] as const) {
      problems.push(...keyFileProblems(name, s[name]));
    }
    if (s.ALIPAY_GATEWAY_URL && !URL.canParse(s.ALIPAY_GATEWAY_URL)) problems.push("ALIPAY_GATEWAY_URL must be an absolute URL");
  }
  return problems;
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "[::1]", "localhost"]);

/** https, or plain http for a loopback host only (the emulator on this machine). */
function httpsOrLoopback(name: string, raw: string | undefined): string[] {
  if (!raw) return [];
  if (!URL.canParse(raw)) return [`${name} must be an absolute URL such as https://open.weixin.qq.com/connect/oauth2/authorize`];
  const url = new URL(raw);
  if (url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname))) {
    return url.search || url.hash ? [`${name} must not carry a query string or fragment`] : [];
  }
  return [`${name} must be https (plain http only for 127.0.0.1, ::1 or localhost)`];
}

function wechatOAuthProblems(s: RawSettings): string[] {
  const problems = [
    ...httpsOrLoopback("WECHAT_OAUTH_AUTHORIZE_URL", s.WECHAT_OAUTH_AUTHORIZE_URL),
    ...httpsOrLoopback("WECHAT_OAUTH_TOKEN_URL", s.WECHAT_OAUTH_TOKEN_URL),
  ];
  if (s.WECHAT_APP_SECRET && !/^[0-9A-Za-z]{32}$/.test(s.WECHAT_APP_SECRET)) {
    problems.push("WECHAT_APP_SECRET must be the official account's 32-character AppSecret (公众号后台 → 设置与开发 → 基本配置), not the APIv3 key");
  }
  if (s.WECHAT_APP_SECRET && !s.WECHAT_APP_ID) problems.push("WECHAT_APP_SECRET needs WECHAT_APP_ID: the AppSecret belongs to that official account");
  return problems;
}

function keyFileProblems(name: string, filePath: string | undefined): string[] {
  if (!filePath) return [];
  try {
    const stat = fs.statSync(filePath);
    if (!stat.isFile()) return [`${name}=${filePath} is not a file`];
    fs.accessSync(filePath, fs.constants.R_OK);
  } catch {
    return [`${name}=${filePath} cannot be read: put the key file under certs/ and point ${name} at it`];
  }
  return [];
}

/** Key files that other users can read; the caller warns (a warning, not a refusal). */
export function looselyProtectedKeyFiles(paths: string[]): string[] {
  return paths.filter((p) => {
    try {
      return (fs.statSync(p).mode & 0o077) !== 0;
    } catch {
      return false;
    }
  });
}

export function emulatorOn(platform: "wechat" | "alipay"): boolean {
  return emulatorEnabled(platform);
}
