// Notifies built on demand for integration tests: a clean one, or one with a chosen defect, posted
// straight at the merchant's notify route. Only "none" is genuine; a correct merchant refuses every
// other one (4xx/5xx) and leaves the order as it was.
import crypto, { type KeyObject } from "node:crypto";
import { wechatKeys } from "./credentials";
import { paymentEnvelope, NOTIFY_CONTENT_TYPE, type NotifyEnvelope } from "./notify";
import { signatureHeaders, signingKey, type SignatureOverrides, type SignMode } from "./sign";
import { toTransaction, type Transaction } from "./transaction";
import { findAnyByOutTradeNo, newTransactionId, walletOpenId, type WechatTrade } from "./trades";

export type WechatNotifyCorruption =
  | "none"
  /** Signed with a key that is not WeChat's (real length, so it parses). */
  | "bad_signature"
  /** WeChat's own probe: a signature starting WECHATPAY/SIGNTEST/. */
  | "signtest_probe"
  /** Validly signed, but Wechatpay-Serial names a key the merchant does not hold. */
  | "wrong_serial"
  /** Validly signed over a timestamp 10 minutes old (a replay). */
  | "stale_timestamp"
  /** Validly signed envelope whose ciphertext had a byte flipped (only GCM authentication catches it). */
  | "tampered_ciphertext"
  /** Validly signed and encrypted, but amount.total is one fen more than the order's. */
  | "amount_mismatch"
  /** Validly signed and encrypted, but for another merchant's mchid. */
  | "wrong_mchid"
  /** Validly signed and encrypted, but for another appid. */
  | "wrong_appid";

export interface WechatTestNotifyOptions {
  outTradeNo: string;
  corruption?: WechatNotifyCorruption;
  /** Required when the emulator holds no trade for outTradeNo; otherwise the trade's amount. */
  totalFen?: number;
  /** Which key signs; defaults to EMULATOR_WECHAT_SIGN_MODE. */
  mode?: SignMode;
}

export interface BuiltWechatNotify {
  transaction: Transaction;
  envelope: NotifyEnvelope;
  /** The JSON body exactly as posted (and signed). */
  body: string;
  /** Content-Type and the Wechatpay-* headers. */
  headers: Record<string, string>;
  /** Where the trade's notifies go, when the emulator knows the trade. */
  notifyUrl: string | null;
}

export function buildWechatTestNotify(options: WechatTestNotifyOptions): BuiltWechatNotify {
  const corruption = options.corruption ?? "none";
  const stored = findAnyByOutTradeNo(options.outTradeNo);
  const transaction = toTransaction(paidView(stored, options));
  if (corruption === "amount_mismatch") {
    transaction.amount = { ...transaction.amount, total: transaction.amount.total + 1, payer_total: transaction.amount.total + 1 };
  }
  if (corruption === "wrong_mchid") transaction.mchid = "1900000000";
  if (corruption === "wrong_appid") transaction.appid = "wx0000000000000000";
  const envelope = paymentEnvelope(transaction);
  if (corruption === "tampered_ciphertext") {
    const bytes = Buffer.from(envelope.resource.ciphertext, "base64");
    bytes[0] ^= 0x01;
    envelope.resource.ciphertext = bytes.toString("base64");
  }
  const body = JSON.stringify(envelope);
  const key = options.mode ? (options.mode === "certificate" ? wechatKeys().certificateMode : wechatKeys().publicKeyMode) : signingKey();

  const overrides: SignatureOverrides = {};
  if (corruption === "bad_signature") {
    overrides.timestamp = Math.floor(Date.now() / 1000);
    overrides.nonce = crypto.randomBytes(16).toString("hex").toUpperCase();
    const message = `${overrides.timestamp}\n${overrides.nonce}\n${body}\n`;
    overrides.signature = crypto.sign("sha256", Buffer.from(message), forgerKey()).toString("base64");
  }
  if (corruption === "signtest_probe") overrides.signature = `WECHATPAY/SIGNTEST/${crypto.randomBytes(192).toString("base64")}`;
  if (corruption === "wrong_serial") overrides.serial = otherSerial(key.serial);
  if (corruption === "stale_timestamp") overrides.timestamp = Math.floor(Date.now() / 1000) - 600;

  return {
    transaction,
    envelope,
    body,
    headers: { "Content-Type": NOTIFY_CONTENT_TYPE, ...signatureHeaders(body, key, overrides) },
    notifyUrl: stored?.notifyUrl ?? null,
  };
}

/** A Request for the merchant's notify route handler, e.g. `POST(wechatNotifyRequest(url, built))`. */
export function wechatNotifyRequest(url: string, notify: BuiltWechatNotify): Request {
  return new Request(url, { method: "POST", headers: notify.headers, body: notify.body });
}

/** Builds and posts one notify over HTTP (to url, or the trade's notify_url); acknowledged = 200/204. */
export async function sendWechatTestNotify(
  url: string | null,
  options: WechatTestNotifyOptions,
): Promise<{ status: number; text: string; acknowledged: boolean; notify: BuiltWechatNotify }> {
  const notify = buildWechatTestNotify(options);
  const target = url ?? notify.notifyUrl;
  if (!target) throw new Error(`no notify_url known for ${options.outTradeNo}: pass a url`);
  const response = await fetch(wechatNotifyRequest(target, notify), { signal: AbortSignal.timeout(5000) });
  const text = await response.text();
  return { status: response.status, text, acknowledged: response.status === 200 || response.status === 204, notify };
}

/** The trade as a TRANSACTION.SUCCESS would describe it, whether or not it was really paid. */
function paidView(stored: WechatTrade | null, options: WechatTestNotifyOptions): WechatTrade {
  const now = Date.now();
  const keys = wechatKeys();
  const base: WechatTrade = stored ?? {
    mchId: keys.mchId,
    appId: keys.appId,
    outTradeNo: options.outTradeNo,
    description: "测试订单",
    attach: null,
    notifyUrl: "",
    totalFen: requireTotal(options),
    timeExpire: null,
    expiresAt: now + 3600_000,
    codeToken: "",
    codeUrl: "",
    paramsKey: "",
    state: "NOTPAY",
    transactionId: null,
    payerOpenId: null,
    bankType: null,
    successAt: null,
    closedAt: null,
    createdAt: now - 60_000,
    latePayment: false,
    declinedAt: null,
  };
  return {
    ...base,
    totalFen: options.totalFen ?? base.totalFen,
    state: "SUCCESS",
    transactionId: base.transactionId ?? newTransactionId(now),
    payerOpenId: base.payerOpenId ?? walletOpenId(base.appId),
    bankType: base.bankType ?? "OTHERS",
    successAt: base.successAt ?? now,
  };
}

function requireTotal(options: WechatTestNotifyOptions): number {
  if (options.totalFen === undefined) throw new Error(`no emulated trade for ${options.outTradeNo}: pass totalFen`);
  return options.totalFen;
}

/** Same shape as the real serial, so only the key lookup can tell. */
function otherSerial(serial: string): string {
  if (serial.startsWith("PUB_KEY_ID_")) return `PUB_KEY_ID_${serial.slice(11).replace(/\d/g, (d) => String((Number(d) + 1) % 10))}`;
  return crypto.randomBytes(20).toString("hex").toUpperCase();
}

let forger: KeyObject | null = null;
function forgerKey(): KeyObject {
  forger ??= crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
  return forger;
}
