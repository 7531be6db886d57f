// The HTTP side of one merchant account: wechatpay-node-v3 builds and signs the requests; the
// transport plugged into it (createHttp) sends them to account.apiBaseUrl and verifies every answer.
import crypto from "node:crypto";
import Pay from "wechatpay-node-v3";
import type { Output } from "wechatpay-node-v3/dist/lib/interface-v2";
import type { IPayRequest } from "wechatpay-node-v3/dist/lib/pay-request.interface";
import { PaymentPlatformError, type WechatAccount } from "../types";
import { certificatesFromAnswer, type RawAnswer } from "./certificates";
import { errorAnswerToPlatformError, unavailable } from "./platform-error";
import { requestAuthorization, signedTargetOf, type RequestSigner } from "./request-signature";
import { createPlatformKeyStore, createSignatureVerifier, SignatureError, type SignatureVerifier } from "./verify";

/** The SDK hard-codes this host into every URL; the transport swaps it for account.apiBaseUrl. */
export const OFFICIAL_BASE_URL = "https://api.mch.weixin.qq.com";
export const REQUEST_TIMEOUT_MS = 10_000;
const USER_AGENT = "pay-forms (wechatpay-node-v3/2.2.1)";
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "[::1]", "localhost"]);

export interface NativePrepayBody {
  appid: string;
  mchid: string;
  description: string;
  out_trade_no: string;
  time_expire: string;
  notify_url: string;
  amount: { total: number; currency: "CNY" };
}

/** JSAPI: the Native body plus the payer's openid under appid. */
export type JsapiPrepayBody = NativePrepayBody & { payer: { openid: string } };
/** H5: the Native body plus the payer's IP and the H5 scene. */
export type H5PrepayBody = NativePrepayBody & { scene_info: { payer_client_ip: string; h5_info: { type: "Wap" } } };

export interface RefundBody {
  out_trade_no: string;
  out_refund_no: string;
  reason?: string;
  notify_url: string;
  amount: { refund: number; total: number; currency: "CNY" };
}

export interface WechatApi {
  /** POST /v3/pay/transactions/native → the verified 200 body. */
  nativePrepay(body: NativePrepayBody): Promise<unknown>;
  /** POST /v3/pay/transactions/jsapi → the verified 200 body ({ prepay_id }). */
  jsapiPrepay(body: JsapiPrepayBody): Promise<unknown>;
  /** POST /v3/pay/transactions/h5 → the verified 200 body ({ h5_url }). */
  h5Prepay(body: H5PrepayBody): Promise<unknown>;
  /** GET /v3/pay/transactions/out-trade-no/{no}?mchid= → the verified 200 body. */
  queryByOutTradeNo(outTradeNo: string): Promise<unknown>;
  /** POST /v3/pay/transactions/out-trade-no/{no}/close → resolves on 2xx (204). */
  closeByOutTradeNo(outTradeNo: string): Promise<void>;
  /** POST /v3/refund/domestic/refunds → the verified 200 body (the refund object). */
  createRefund(body: RefundBody): Promise<unknown>;
  /** GET /v3/refund/domestic/refunds/{out_refund_no} → the verified 200 body. */
  queryRefund(outRefundNo: string): Promise<unknown>;
  /** GET /v3/bill/tradebill?… → the verified 200 body ({ hash_type, hash_value, download_url }). */
  tradeBill(query: { bill_date: string; bill_type: "ALL"; tar_type?: "GZIP" }): Promise<unknown>;
  /** A signed GET of an official-host URL whose answer is a file: the raw answer, not verified. */
  downloadFile(officialUrl: string): Promise<RawAnswer>;
  /** The same keys verify notifies. */
  readonly verifier: SignatureVerifier;
}

export interface WechatApiOptions {
  now: () => number;
  fetchImpl: typeof fetch;
}

/**
 * "https://host[/prefix]" without a trailing slash. Plain http only for loopback (the emulator),
 * so keys and payment data never cross a network in clear text.
 */
export function resolveApiBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`微信支付 apiBaseUrl 不是合法的 URL：${raw}`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new Error(`微信支付 apiBaseUrl 不能带查询串、片段或用户名：${url.origin}${url.pathname}`);
  }
  if (url.protocol === "http:" && !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new Error(`微信支付 apiBaseUrl 必须使用 https（http 只允许 127.0.0.1、::1、localhost）：${url.origin}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new Error(`微信支付 apiBaseUrl 必须是 https 地址：${url.origin}`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

export function createWechatApi(account: WechatAccount, options: WechatApiOptions): WechatApi {
  const baseUrl = resolveApiBaseUrl(account.apiBaseUrl);
  assertCredentials(account);
  const publicKey =
    account.platformPublicKeyPem && account.platformPublicKeyId
      ? { id: account.platformPublicKeyId, key: crypto.createPublicKey(account.platformPublicKeyPem) }
      : undefined;

  const signer: RequestSigner = { mchId: account.mchId, certSerialNo: account.certSerialNo, privateKey: crypto.createPrivateKey(account.privateKeyPem) };
  const pay = new Pay({
    appid: account.appId,
    mchid: account.mchId,
    // The SDK wants the merchant certificate only to derive serial_no, which we pass explicitly.
    publicKey: Buffer.from(account.certPem),
    privateKey: Buffer.from(account.privateKeyPem),
    serial_no: account.certSerialNo,
    userAgent: USER_AGENT,
  });

  async function send(method: "GET" | "POST", sdkUrl: string, sdkHeaders: Record<string, string>, body?: string): Promise<RawAnswer> {
    // The SDK builds URLs on the official host; we send to baseUrl and sign that target instead.
    if (!sdkUrl.startsWith(`${OFFICIAL_BASE_URL}/`)) throw unavailable("INTERNAL_ERROR", `意外的请求地址：${sdkUrl}`);
    const url = baseUrl + sdkUrl.slice(OFFICIAL_BASE_URL.length);
    const headers = new Headers();
    for (const [name, value] of Object.entries(sdkHeaders)) {
      // fetch negotiates and decodes compression itself.
      if (name.toLowerCase() !== "accept-encoding") headers.set(name, String(value));
    }
    headers.set("Authorization", requestAuthorization(signer, { method, target: signedTargetOf(url), body }));
    // Public-key mode: asks the platform to sign its answer with the WeChat Pay public key.
    if (publicKey) headers.set("Wechatpay-Serial", publicKey.id);
    try {
      const response = await options.fetchImpl(url, {
        method,
        headers,
        body,
        redirect: "error",
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      return { status: response.status, headers: response.headers, body: new Uint8Array(await response.arrayBuffer()) };
    } catch (error) {
      if (isTimeout(error)) throw unavailable("TIMEOUT", `微信支付 ${REQUEST_TIMEOUT_MS / 1000} 秒内没有应答：${method} ${url}`);
      throw unavailable("NETWORK_ERROR", `无法连接微信支付：${method} ${url}（${errorMessage(error)}）`);
    }
  }

  async function downloadCertificates() {
    // send() signs it.
    const answer = await send("GET", `${OFFICIAL_BASE_URL}/v3/certificates`, {
      Accept: "application/json",
      "User-Agent": USER_AGENT,
    });
    return certificatesFromAnswer(answer, {
      apiV3Key: account.apiV3Key,
      nowMs: options.now(),
      publicKey,
    });
  }

  const verifier = createSignatureVerifier(
    createPlatformKeyStore({ publicKey, downloadCertificates, now: options.now }),
    options.now,
  );

  /**
   * Verification first. A 401 is the platform refusing our signature and comes unsigned; a 5xx
   * means "unavailable" whether signed or not. Everything else must carry a valid signature.
   */
  async function toOutput(answer: RawAnswer): Promise<Output> {
    if (answer.status !== 401 && answer.status < 500) {
      try {
        await verifier.verify(answer.headers, answer.body);
      } catch (error) {
        if (error instanceof SignatureError) {
          throw unavailable("UNVERIFIED_RESPONSE", `微信支付应答验签失败（${error.code}）：${error.message}`);
        }
        throw error;
      }
    }
    const text = Buffer.from(answer.body).toString("utf8");
    if (answer.status < 200 || answer.status >= 300) return { status: answer.status, error: text };
    if (!text) return { status: answer.status };
    try {
      return { status: answer.status, data: JSON.parse(text) };
    } catch {
      throw unavailable("MALFORMED_RESPONSE", `微信支付应答不是 JSON（${answer.status}）`);
    }
  }

  const transport: IPayRequest = {
    post: async (url, params, headers) => toOutput(await send("POST", url, headers, JSON.stringify(params))),
    get: async (url, headers) => toOutput(await send("GET", url, headers)),
    upload: async () => {
      throw unavailable("INTERNAL_ERROR", "上传接口未接入");
    },
  };
  pay.createHttp(transport);
  const jsonHeaders = { Accept: "application/json", "Content-Type": "application/json", "User-Agent": USER_AGENT };
  const getHeaders = { Accept: "application/json", "User-Agent": USER_AGENT };

  /** The SDK hands back our Output as is; non-2xx comes as { status, error } rather than a throw. */
  async function call(run: () => Promise<Output>): Promise<unknown> {
    let output: Output;
    try {
      output = await run();
    } catch (error) {
      if (error instanceof PaymentPlatformError) throw error;
      throw unavailable("INTERNAL_ERROR", `调用微信支付失败：${errorMessage(error)}`);
    }
    if (output.status >= 200 && output.status < 300) return output.data;
    throw errorAnswerToPlatformError(output.status, typeof output.error === "string" ? output.error : "");
  }

  return {
    verifier,
    nativePrepay: (body) => call(() => pay.transactions_native(body)),
    // Straight to the transport: the SDK's transactions_jsapi swaps the answer for its own signed
    // bridge parameters, while we keep the prepay id and sign fresh ones when the page asks.
    jsapiPrepay: (body) => call(() => transport.post(`${OFFICIAL_BASE_URL}/v3/pay/transactions/jsapi`, body, jsonHeaders)),
    h5Prepay: (body) => call(() => transport.post(`${OFFICIAL_BASE_URL}/v3/pay/transactions/h5`, body, jsonHeaders)),
    queryByOutTradeNo: (outTradeNo) => call(() => pay.query({ out_trade_no: outTradeNo })),
    closeByOutTradeNo: async (outTradeNo) => {
      await call(() => pay.close(outTradeNo));
    },
    createRefund: (body) => call(() => transport.post(`${OFFICIAL_BASE_URL}/v3/refund/domestic/refunds`, body, jsonHeaders)),
    queryRefund: (outRefundNo) =>
      call(() => transport.get(`${OFFICIAL_BASE_URL}/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}`, getHeaders)),
    tradeBill: (query) => call(() => transport.get(`${OFFICIAL_BASE_URL}/v3/bill/tradebill?${new URLSearchParams(query)}`, getHeaders)),
    // Bill files are not signed: their integrity is the SHA1 the signed tradebill answer gave.
    downloadFile: (officialUrl) => send("GET", officialUrl, { Accept: "*/*", "User-Agent": USER_AGENT }),
  };
}

/** Fails at construction, with a message that names the setting but never shows its value. */
function assertCredentials(account: WechatAccount): void {
  if (Buffer.byteLength(account.apiV3Key ?? "", "utf8") !== 32) {
    throw new Error(`微信支付账户 ${account.ref}：APIv3 密钥必须是 32 个字符`);
  }
  if (!/^[0-9A-Fa-f]+$/.test(account.certSerialNo ?? "")) {
    throw new Error(`微信支付账户 ${account.ref}：商户证书序列号必须是十六进制`);
  }
  try {
    crypto.createPrivateKey(account.privateKeyPem);
  } catch {
    throw new Error(`微信支付账户 ${account.ref}：商户 API 私钥无法解析（需要 PEM）`);
  }
  if (!account.certPem) throw new Error(`微信支付账户 ${account.ref}：缺少商户 API 证书`);
  if (Boolean(account.platformPublicKeyPem) !== Boolean(account.platformPublicKeyId)) {
    throw new Error(`微信支付账户 ${account.ref}：微信支付公钥与公钥 ID 须同时配置`);
  }
  if (account.platformPublicKeyPem) {
    try {
      crypto.createPublicKey(account.platformPublicKeyPem);
    } catch {
      throw new Error(`微信支付账户 ${account.ref}：微信支付公钥无法解析（需要 PEM）`);
    }
  }
}

function isTimeout(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  const causeName = (error as { cause?: { name?: string } } | null)?.cause?.name;
  return name === "TimeoutError" || causeName === "TimeoutError";
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
