// Helpers for this folder's tests: a temporary emulator, a merchant that signs with node:crypto
// straight from the protocol, a platform-signature check, and a local server receiving notifies.
import crypto, { type KeyObject } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ensureEmulatorCredentials, readKeyFile } from "../keys";
import { handleWechatPlatformRequest } from "./platform";

export { setUpTemporaryEmulator } from "../test-support";

/** What the merchant holds: its own key and serial, the APIv3 key, and both platform keys. */
export function merchant() {
  const c = ensureEmulatorCredentials().wechat;
  return {
    mchId: c.mchId,
    appId: c.appId,
    apiV3Key: c.apiV3Key,
    privateKey: crypto.createPrivateKey(readKeyFile(c.merchantKeyPath)),
    serialNo: c.merchantCertSerial,
    publicKeyId: c.publicKeyId,
    platformPublicKey: crypto.createPublicKey(readKeyFile(c.publicKeyPath)),
    platformCertSerial: c.platformCertSerial,
    platformCertPem: readKeyFile(c.platformCertPath),
  };
}

export interface SignOptions {
  timestamp?: number;
  nonce?: string;
  serialNo?: string;
  mchid?: string;
  key?: KeyObject;
  /** The Authorization header as a whole, for format tests. */
  authorization?: string;
  /** Extra request headers, e.g. Wechatpay-Serial. */
  headers?: Record<string, string>;
  /** What the signature covers, when it is not `target` (through the route: the mounted path). */
  signedTarget?: string;
}

/** WECHATPAY2-SHA256-RSA2048 over METHOD\nTARGET\nTS\nNONCE\nBODY\n with the merchant key. */
export function authorization(method: string, target: string, body: string, options: SignOptions = {}): string {
  const m = merchant();
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = options.nonce ?? crypto.randomBytes(16).toString("hex").toUpperCase();
  const message = `${method}\n${target}\n${timestamp}\n${nonce}\n${body}\n`;
  const signature = crypto.sign("sha256", Buffer.from(message), options.key ?? m.privateKey).toString("base64");
  return `WECHATPAY2-SHA256-RSA2048 mchid="${options.mchid ?? m.mchId}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${options.serialNo ?? m.serialNo}"`;
}

const BASE = "http://127.0.0.1:3999/sandbox/wechat";

export function merchantRequest(method: "GET" | "POST", target: string, body?: unknown, options: SignOptions = {}): Request {
  const text = body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body);
  const headers: Record<string, string> = {
    Accept: "application/json",
    "User-Agent": "wechat-emulator-test",
    Authorization: options.authorization ?? authorization(method, options.signedTarget ?? target, text, options),
    ...options.headers,
  };
  if (method === "POST") headers["Content-Type"] = "application/json";
  return new Request(BASE + target, { method, headers, body: method === "POST" ? text : undefined });
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // Tests read the platform's answers field by field, as a merchant would from the docs.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

/** One signed call straight into the platform entry point. */
export async function callPlatform(method: "GET" | "POST", target: string, body?: unknown, options: SignOptions = {}): Promise<Answer> {
  const response = await handleWechatPlatformRequest(merchantRequest(method, target, body, options), target);
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text ? JSON.parse(text) : null };
}

/** Verifies Wechatpay-* headers over the raw body with the key the serial names (as a merchant must). */
export function verifyPlatformSignature(headers: Headers, body: string, maxSkewSeconds = 300): boolean {
  const m = merchant();
  const serial = headers.get("wechatpay-serial");
  const key =
    serial === m.publicKeyId ? m.platformPublicKey : serial?.toUpperCase() === m.platformCertSerial.toUpperCase() ? new crypto.X509Certificate(m.platformCertPem).publicKey : null;
  const timestamp = headers.get("wechatpay-timestamp");
  const nonce = headers.get("wechatpay-nonce");
  const signature = headers.get("wechatpay-signature");
  if (!key || !timestamp || !nonce || !signature) return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > maxSkewSeconds) return false;
  return crypto.verify("sha256", Buffer.from(`${timestamp}\n${nonce}\n${body}\n`), key, Buffer.from(signature, "base64"));
}

export function nativeBody(overrides: Record<string, unknown> = {}) {
  const m = merchant();
  return {
    appid: m.appId,
    mchid: m.mchId,
    description: "读书会报名费",
    out_trade_no: `T${Date.now()}${crypto.randomInt(1000, 9999)}`,
    time_expire: new Date(Date.now() + 30 * 60_000).toISOString().replace(/\.\d+Z$/, "Z"),
    notify_url: "http://127.0.0.1:9/api/payment/wechat/notify",
    amount: { total: 1230, currency: "CNY" },
    ...overrides,
  };
}

export interface ReceivedNotify {
  headers: Headers;
  body: string;
}

export interface NotifyReceiver {
  url: string;
  received: ReceivedNotify[];
  close(): Promise<void>;
}

/** Records every notify; answers statuses[i] to the i-th (the last one repeats). */
export async function startNotifyReceiver(statuses: number[] = [204]): Promise<NotifyReceiver> {
  const received: ReceivedNotify[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    received.push({ headers, body: Buffer.concat(chunks).toString("utf8") });
    const status = statuses[Math.min(received.length, statuses.length) - 1];
    res.writeHead(status, { "Content-Type": "application/json" }).end(status >= 300 ? '{"code":"FAIL","message":"失败"}' : "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/payment/wechat/notify`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function waitUntil<T>(label: string, check: () => T | Promise<T>, timeoutMs = 5000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
