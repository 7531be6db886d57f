// The adapter interface every payment platform implements, and the facts it reports.
// Adapters talk to a platform and translate; they never touch the database. The order service
// (lib/payments/orders.ts) is the only place an order changes state.

export type ProviderId = "wechat" | "alipay";
/** native: WeChat Native QR; page: Alipay desktop cashier; wap: Alipay phone cashier. */
export type PayChannel = "native" | "page" | "wap";

export interface PaymentRequest {
  orderNo: string;
  amountFen: number;
  /** Shown to the payer by the platform ("报名费-张三"); adapters trim it to the platform's limit. */
  description: string;
  expiresAt: Date;
  channel: PayChannel;
}

export interface PaymentStart {
  /** WeChat Native: weixin://wxpay/bizpayurl?pr=… to draw as a QR code. */
  codeUrl?: string;
  /** Alipay: the signed cashier URL (GET) to send the browser to. */
  payUrl?: string;
}

export type FactSource = "notify" | "query" | "return" | "close";

/**
 * A normalised statement from a platform about one order. Notifies and queries both produce facts;
 * the order service checks appId / merchantId / amountFen against the order before applying one.
 */
export type PaymentFact =
  | {
      kind: "paid";
      orderNo: string;
      platformTradeNo: string;
      amountFen: number;
      paidAt: Date;
      appId: string;
      /** WeChat mchid; Alipay seller_id (absent when the platform did not say). */
      merchantId?: string;
      source: FactSource;
    }
  | { kind: "unpaid"; orderNo: string; appId?: string; merchantId?: string; source: FactSource }
  | { kind: "closed"; orderNo: string; appId?: string; merchantId?: string; source: FactSource }
  /** The platform has no such trade (Alipay before the payer opened the cashier; a lost create). */
  | { kind: "not_found"; orderNo: string; source: FactSource };

export interface NotifyInput {
  headers: Headers;
  rawBody: string;
}

export interface VerifiedNotify {
  /** The platform's id for this notify (WeChat event id, Alipay notify_id), for the journal. */
  notifyId?: string;
  fact: PaymentFact;
}

/** The result of closing a trade at the platform before we mark an order closed. */
export type CloseOutcome = "closed" | "already_paid" | "not_found";

export interface PaymentProvider {
  readonly id: ProviderId;
  readonly appId: string;
  readonly merchantId: string;
  createPayment(request: PaymentRequest): Promise<PaymentStart>;
  queryPayment(orderNo: string): Promise<PaymentFact>;
  closePayment(orderNo: string): Promise<CloseOutcome>;
  /** Verifies (signature, timestamp, decryption) and normalises; throws NotifyRejectedError. */
  parseNotify(input: NotifyInput): Promise<VerifiedNotify>;
  /** The answer the platform expects once the notify has been applied and committed. */
  acknowledge(): Response;
  /** The answer that makes the platform retry (or tells a forger no), in the platform's format. */
  reject(error: NotifyRejectedError | Error): Response;
}

/** A notify we refuse: forged, stale, malformed. `status` is the HTTP status for WeChat. */
export class NotifyRejectedError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = "NotifyRejectedError";
  }
}

/**
 * A platform call that did not succeed.
 * - rejected: the platform answered with a business error (bad parameters, order paid...): do not retry as is.
 * - unavailable: no answer, a 5xx, SYSTEM_ERROR, or an answer we could not verify: the outcome is unknown,
 *   retry or query later.
 */
export class PaymentPlatformError extends Error {
  constructor(
    readonly kind: "rejected" | "unavailable",
    readonly platformCode: string,
    message: string,
  ) {
    super(message);
    this.name = "PaymentPlatformError";
  }
}

/** Settings of one WeChat Pay merchant account, whatever its source (environment or admin pages). */
export interface WechatAccount {
  provider: "wechat";
  /** "env" or a receiving_accounts id. */
  ref: string;
  appId: string;
  mchId: string;
  /** The APIv3 key: 32 ASCII characters. */
  apiV3Key: string;
  /** Serial number of the merchant API certificate (hex). */
  certSerialNo: string;
  /** Merchant API private key, PEM. */
  privateKeyPem: string;
  /** Merchant API certificate, PEM (wechatpay-node-v3 requires it). */
  certPem: string;
  /** Public-key mode: the WeChat Pay public key and its id PUB_KEY_ID_…. */
  platformPublicKeyPem?: string;
  platformPublicKeyId?: string;
  /** e.g. https://api.mch.weixin.qq.com (default) or the emulator's http://127.0.0.1:3000/sandbox/wechat. */
  apiBaseUrl: string;
  notifyUrl: string;
}

export interface AlipayAccount {
  provider: "alipay";
  ref: string;
  appId: string;
  /** The 2088… partner id that receives the money; checked against notifies when set. */
  sellerId?: string;
  /** App private key, PEM (PKCS#1 or PKCS#8). */
  privateKeyPem: string;
  /** Public-key mode. */
  alipayPublicKeyPem?: string;
  /** Certificate mode. */
  appCertPem?: string;
  alipayPublicCertPem?: string;
  alipayRootCertPem?: string;
  /** Full gateway URL, e.g. https://openapi.alipay.com/gateway.do or the emulator's. */
  gatewayUrl: string;
  notifyUrl: string;
  returnUrl: string;
}

export type ProviderAccount = WechatAccount | AlipayAccount;
