// Verifying what the platform signs (API responses and notifies): SHA256withRSA over
// `timestamp\nnonce\nbody\n`, with the key that Wechatpay-Serial names.
// https://pay.weixin.qq.com/wiki/doc/apiv3/wechatpay/wechatpay4_1.shtml
import crypto, { type KeyObject } from "node:crypto";

/** Replay window: WeChat's own SDKs reject a Wechatpay-Timestamp five minutes or more away. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

/** WeChat sends deliberately wrong signatures with this prefix to check that merchants verify. */
const SIGNATURE_PROBE_PREFIX = "WECHATPAY/SIGNTEST/";
const PUBLIC_KEY_ID_PREFIX = "PUB_KEY_ID_";

export type SignatureFailure = "SIGN_ERROR" | "STALE_TIMESTAMP" | "UNKNOWN_SERIAL" | "CERTIFICATES_UNAVAILABLE";

export class SignatureError extends Error {
  constructor(
    readonly code: SignatureFailure,
    message: string,
  ) {
    super(message);
    this.name = "SignatureError";
  }
}

export interface SignatureHeaders {
  timestamp: string;
  nonce: string;
  signature: string;
  serial: string;
}

export function readSignatureHeaders(headers: Headers): SignatureHeaders {
  const timestamp = headers.get("wechatpay-timestamp");
  const nonce = headers.get("wechatpay-nonce");
  const signature = headers.get("wechatpay-signature");
  const serial = headers.get("wechatpay-serial");
  if (!timestamp || !nonce || !signature || !serial) {
    throw new SignatureError("SIGN_ERROR", "缺少 Wechatpay-Timestamp/Nonce/Signature/Serial 签名头");
  }
  return { timestamp, nonce, signature, serial };
}

export function checkTimestamp(timestamp: string, nowMs: number): void {
  if (!/^\d{1,12}$/.test(timestamp)) throw new SignatureError("SIGN_ERROR", "Wechatpay-Timestamp 不是 Unix 秒数");
  const skewSeconds = Math.abs(nowMs / 1000 - Number(timestamp));
  if (skewSeconds > MAX_CLOCK_SKEW_SECONDS) {
    throw new SignatureError("STALE_TIMESTAMP", `Wechatpay-Timestamp 与本机时间相差 ${Math.round(skewSeconds)} 秒，超过 5 分钟`);
  }
}

/** True only for a real signature by `key` over exactly these body bytes. */
export function isValidSignature(parts: SignatureHeaders, body: string | Uint8Array, key: KeyObject): boolean {
  if (parts.signature.startsWith(SIGNATURE_PROBE_PREFIX)) return false;
  const message = Buffer.concat([
    Buffer.from(`${parts.timestamp}\n${parts.nonce}\n`, "utf8"),
    typeof body === "string" ? Buffer.from(body, "utf8") : body,
    Buffer.from("\n", "utf8"),
  ]);
  try {
    return crypto.verify("RSA-SHA256", message, key, Buffer.from(parts.signature, "base64"));
  } catch {
    return false;
  }
}

export function isPublicKeyId(serial: string): boolean {
  return serial.startsWith(PUBLIC_KEY_ID_PREFIX);
}

/** Certificate serials are hex: compare without case or leading zeros. */
export function normaliseSerial(serial: string): string {
  return serial.toUpperCase().replace(/^0+(?=.)/, "");
}

export interface PlatformKeyStore {
  /** The key that signs under this Wechatpay-Serial, or undefined when it names none we trust. */
  keyFor(serial: string): Promise<KeyObject | undefined>;
}

export interface KeyStoreOptions {
  /** Public-key mode: the WeChat Pay public key and its id PUB_KEY_ID_…. */
  publicKey?: { id: string; key: KeyObject };
  /** Certificate mode: downloads, decrypts and checks the platform certificates (serial → key). */
  downloadCertificates: () => Promise<Map<string, KeyObject>>;
  now: () => number;
  /** At most one download per interval, so forged serials cannot make us hammer the platform. */
  refreshIntervalMs?: number;
}

/**
 * One store per merchant account (wechatpay-node-v3 keeps its certificates in a static map that
 * every merchant in the process shares). An unknown serial triggers one certificate download.
 */
export function createPlatformKeyStore(options: KeyStoreOptions): PlatformKeyStore {
  const refreshIntervalMs = options.refreshIntervalMs ?? 60_000;
  const publicKey = options.publicKey;
  let certificates = new Map<string, KeyObject>();
  let lastRefreshAt = Number.NEGATIVE_INFINITY;
  let refreshing: Promise<void> | null = null;

  async function refresh(): Promise<void> {
    lastRefreshAt = options.now();
    try {
      const downloaded = await options.downloadCertificates();
      certificates = new Map([...downloaded].map(([serial, key]) => [normaliseSerial(serial), key]));
    } catch (error) {
      throw new SignatureError(
        "CERTIFICATES_UNAVAILABLE",
        `无法下载微信支付平台证书：${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  return {
    async keyFor(serial) {
      if (publicKey && serial === publicKey.id) return publicKey.key;
      if (isPublicKeyId(serial)) return undefined;
      const wanted = normaliseSerial(serial);
      const known = certificates.get(wanted);
      if (known) return known;
      if (refreshing) {
        await refreshing;
      } else {
        if (options.now() - lastRefreshAt < refreshIntervalMs) return undefined;
        refreshing = refresh().finally(() => {
          refreshing = null;
        });
        await refreshing;
      }
      return certificates.get(wanted);
    },
  };
}

export interface SignatureVerifier {
  /** Throws SignatureError unless the headers carry a fresh, valid signature over `body`. */
  verify(headers: Headers, body: string | Uint8Array): Promise<void>;
}

export function createSignatureVerifier(store: PlatformKeyStore, now: () => number): SignatureVerifier {
  return {
    async verify(headers, body) {
      const parts = readSignatureHeaders(headers);
      checkTimestamp(parts.timestamp, now());
      const key = await store.keyFor(parts.serial);
      if (!key) throw new SignatureError("UNKNOWN_SERIAL", `未知的 Wechatpay-Serial：${parts.serial.slice(0, 64)}`);
      if (!isValidSignature(parts, body, key)) {
        throw new SignatureError("SIGN_ERROR", "微信支付签名验证失败");
      }
    },
  };
}
