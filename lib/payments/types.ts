// The adapter interface every payment platform implements, and the facts it reports.
// Adapters talk to a platform and translate; they never touch the database. The order service
// (lib/payments/orders.ts) is the only place an order changes state.

export type ProviderId = "wechat" | "alipay";
/**
 * native: WeChat Native QR; jsapi: WeChat's pay sheet inside WeChat; h5: WeChat H5 in a phone
 * browser; page: Alipay desktop cashier; wap: Alipay phone cashier.
 */
export type PayChannel = "native" | "jsapi" | "h5" | "page" | "wap";

export interface PaymentRequest {
  orderNo: string;
  amountFen: number;
  /** Shown to the payer by the platform ("报名费-张三"); adapters trim it to the platform's limit. */
  description: string;
  expiresAt: Date;
  channel: PayChannel;
  /** JSAPI: the payer's openid under the account's app id, from WeChat's web authorization. */
  payerOpenId?: string;
  /** H5: the payer's IP address, as WeChat requires. */
  payerClientIp?: string;
}

/** What the payer's page must do to pay: draw a QR code, go to a URL, or call the JS bridge. */
export type PaymentStart =
  /** WeChat Native: weixin://wxpay/bizpayurl?pr=… to draw as a QR code. */
  | { kind: "qr"; codeUrl: string }
  /** Alipay page/WAP: the signed cashier URL; WeChat H5: h5_url (the page adds redirect_url). */
  | { kind: "redirect"; payUrl: string }
  /** WeChat JSAPI: the prepay id, from which fresh bridge parameters are signed (jsapiParams). */
  | { kind: "jsapi"; prepayId: string };

/** The parameters WeixinJSBridge.invoke("getBrandWCPayRequest", …) takes. */
export interface JsapiPayParams {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: "RSA";
  paySign: string;
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

/**
 * A verified notify is news of a payment or of a refund. Alipay tells of refunds with the trade's
 * own notify (partial: TRADE_SUCCESS with refund_fee; full: TRADE_CLOSED with refund fields): those
 * are refund news, never a new payment and never a close of a paid order.
 */
export type VerifiedNotify =
  /** notifyId: the platform's id for this notify (WeChat event id, Alipay notify_id), for the journal. */
  | { kind: "payment"; notifyId?: string; fact: PaymentFact }
  | { kind: "refund"; notifyId?: string; refund: RefundFact };

export interface RefundRequest {
  /** Our refund number: WeChat out_refund_no, Alipay out_request_no. The idempotency key. */
  refundNo: string;
  orderNo: string;
  refundFen: number;
  /** The order's amount paid (WeChat needs amount.total). */
  totalFen: number;
  /** Shown to the payer by the platform. */
  reason: string;
}

export type RefundStatus = "processing" | "succeeded" | "closed" | "abnormal";

/** A normalised statement from a platform about one refund (from the create answer, a query or a notify). */
export type RefundFact =
  | {
      kind: "refund";
      refundNo: string;
      orderNo: string;
      status: RefundStatus;
      /** The platform's refund id (WeChat refund_id; Alipay has none: its trade_no). */
      platformRefundId?: string;
      refundFen: number;
      succeededAt?: Date;
      appId?: string;
      merchantId?: string;
      source: FactSource;
    }
  /** The platform has no refund under this number (a create that never arrived). */
  | { kind: "refund_not_found"; refundNo: string; orderNo: string; source: FactSource };

/** One line of a platform's daily bill, normalised. */
export interface BillLine {
  kind: "payment" | "refund";
  orderNo: string;
  platformTradeNo: string;
  /** Refund lines: our refund number and the platform's refund id. */
  refundNo?: string;
  platformRefundId?: string;
  /** Positive: what was paid, or what was refunded. */
  amountFen: number;
  /** The platform's fee on this line (negative on a refund line when the fee is given back). */
  feeFen: number;
  occurredAt: Date;
}

export interface BillTotals {
  count: number;
  paymentFen: number;
  refundFen: number;
  feeFen: number;
  /** paymentFen - refundFen - feeFen. */
  netFen: number;
}

/**
 * A day's bill, or the platform's reason for not giving one. Malformed lines are reported with
 * their line number and never silently skipped.
 */
export type BillResult =
  | { status: "ready"; date: string; lines: BillLine[]; totals: BillTotals; malformed: { line: number; issue: string }[] }
  /** The platform has not produced the day's bill yet (try again later). */
  | { status: "not_ready"; date: string; message: string }
  /** The day had no trades. */
  | { status: "no_trades"; date: string; message: string }
  /** The day is out of the platform's range (too old, in the future). */
  | { status: "unavailable"; date: string; message: string };

/** The result of closing a trade at the platform before we mark an order closed. */
export type CloseOutcome = "closed" | "already_paid" | "not_found";

export interface PaymentProvider {
  readonly id: ProviderId;
  readonly appId: string;
  readonly merchantId: string;
  createPayment(request: PaymentRequest): Promise<PaymentStart>;
  queryPayment(orderNo: string): Promise<PaymentFact>;
  closePayment(orderNo: string): Promise<CloseOutcome>;
  /**
   * Asks for a refund. A repeat with the same refundNo is the same refund at the platform.
   * Throws PaymentPlatformError: "rejected" (over-refund, unpaid order...) or "unavailable"
   * (timeout, 5xx: the outcome is unknown, retry with the same number or query).
   */
  refund(request: RefundRequest): Promise<RefundFact>;
  queryRefund(input: { refundNo: string; orderNo: string }): Promise<RefundFact>;
  /** The day's bill (date: YYYY-MM-DD, Beijing time), downloaded, verified and parsed. */
  downloadBill(date: string): Promise<BillResult>;
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
  /** The official account's AppSecret (web authorization for the openid); without it, no JSAPI. */
  appSecret?: string;
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
