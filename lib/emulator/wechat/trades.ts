// The emulated WeChat Pay's trades (table wx_trades). A trade moves NOTPAY → SUCCESS or
// NOTPAY → CLOSED (and CLOSED → SUCCESS only for a late payment), each by one conditional UPDATE,
// so two copies of this module (Next bundles entry points separately) or two clicks cannot both
// apply a change.
import crypto from "node:crypto";
import { ensureTables } from "../store";
import { beijingDate } from "./time";

export type TradeState = "NOTPAY" | "SUCCESS" | "CLOSED";

export interface WechatTrade {
  mchId: string;
  appId: string;
  outTradeNo: string;
  description: string;
  attach: string | null;
  notifyUrl: string;
  totalFen: number;
  /** time_expire exactly as the merchant sent it, or null. */
  timeExpire: string | null;
  /** When the code_url stops being payable. */
  expiresAt: number;
  codeToken: string;
  codeUrl: string;
  /** The create request's parameters, canonical JSON: re-entry must repeat them exactly. */
  paramsKey: string;
  state: TradeState;
  transactionId: string | null;
  payerOpenId: string | null;
  bankType: string | null;
  successAt: number | null;
  closedAt: number | null;
  createdAt: number;
  /** Paid after it had been closed (the pay_after_close test control). */
  latePayment: boolean;
  /** The payer pressed 拒绝支付 in the wallet (WeChat itself records nothing else). */
  declinedAt: number | null;
}

function db() {
  return ensureTables(
    "wx_trades",
    `CREATE TABLE IF NOT EXISTS wx_trades (
       mchid TEXT NOT NULL, appid TEXT NOT NULL, out_trade_no TEXT NOT NULL,
       description TEXT NOT NULL, attach TEXT, notify_url TEXT NOT NULL, total_fen INTEGER NOT NULL,
       time_expire TEXT, expires_at INTEGER NOT NULL, code_token TEXT NOT NULL UNIQUE,
       params_key TEXT NOT NULL, state TEXT NOT NULL, transaction_id TEXT UNIQUE, payer_openid TEXT,
       bank_type TEXT, success_at INTEGER, closed_at INTEGER, created_at INTEGER NOT NULL,
       late_payment INTEGER NOT NULL DEFAULT 0, declined_at INTEGER,
       PRIMARY KEY (mchid, out_trade_no));
     CREATE INDEX IF NOT EXISTS wx_trades_recent ON wx_trades(state, created_at);`,
  );
}

interface Row {
  mchid: string;
  appid: string;
  out_trade_no: string;
  description: string;
  attach: string | null;
  notify_url: string;
  total_fen: number;
  time_expire: string | null;
  expires_at: number;
  code_token: string;
  params_key: string;
  state: TradeState;
  transaction_id: string | null;
  payer_openid: string | null;
  bank_type: string | null;
  success_at: number | null;
  closed_at: number | null;
  created_at: number;
  late_payment: number;
  declined_at: number | null;
}

export const CODE_URL_PREFIX = "weixin://wxpay/bizpayurl?pr=";

function fromRow(r: Row): WechatTrade {
  return {
    mchId: r.mchid,
    appId: r.appid,
    outTradeNo: r.out_trade_no,
    description: r.description,
    attach: r.attach,
    notifyUrl: r.notify_url,
    totalFen: r.total_fen,
    timeExpire: r.time_expire,
    expiresAt: r.expires_at,
    codeToken: r.code_token,
    codeUrl: CODE_URL_PREFIX + r.code_token,
    paramsKey: r.params_key,
    state: r.state,
    transactionId: r.transaction_id,
    payerOpenId: r.payer_openid,
    bankType: r.bank_type,
    successAt: r.success_at,
    closedAt: r.closed_at,
    createdAt: r.created_at,
    latePayment: r.late_payment === 1,
    declinedAt: r.declined_at,
  };
}

export type NewTrade = Pick<
  WechatTrade,
  "mchId" | "appId" | "outTradeNo" | "description" | "attach" | "notifyUrl" | "totalFen" | "timeExpire" | "expiresAt" | "paramsKey"
>;

/** Inserts unless the merchant already has this out_trade_no; returns whichever trade is stored. */
export function insertTrade(t: NewTrade, now = Date.now()): { trade: WechatTrade; created: boolean } {
  const result = db()
    .prepare(
      `INSERT OR IGNORE INTO wx_trades (mchid, appid, out_trade_no, description, attach, notify_url, total_fen,
         time_expire, expires_at, code_token, params_key, state, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'NOTPAY', ?)`,
    )
    .run(t.mchId, t.appId, t.outTradeNo, t.description, t.attach, t.notifyUrl, t.totalFen, t.timeExpire, t.expiresAt, newCodeToken(), t.paramsKey, now);
  return { trade: findByOutTradeNo(t.mchId, t.outTradeNo)!, created: result.changes === 1 };
}

export function findByOutTradeNo(mchId: string, outTradeNo: string): WechatTrade | null {
  const row = db().prepare(`SELECT * FROM wx_trades WHERE mchid = ? AND out_trade_no = ?`).get(mchId, outTradeNo) as Row | undefined;
  return row ? fromRow(row) : null;
}

/** For test controls, which name a trade by out_trade_no alone. */
export function findAnyByOutTradeNo(outTradeNo: string): WechatTrade | null {
  const row = db().prepare(`SELECT * FROM wx_trades WHERE out_trade_no = ? ORDER BY created_at DESC LIMIT 1`).get(outTradeNo) as Row | undefined;
  return row ? fromRow(row) : null;
}

export function findByTransactionId(mchId: string, transactionId: string): WechatTrade | null {
  const row = db().prepare(`SELECT * FROM wx_trades WHERE mchid = ? AND transaction_id = ?`).get(mchId, transactionId) as Row | undefined;
  return row ? fromRow(row) : null;
}

export function findByCodeToken(token: string): WechatTrade | null {
  const row = db().prepare(`SELECT * FROM wx_trades WHERE code_token = ?`).get(token) as Row | undefined;
  return row ? fromRow(row) : null;
}

/** Unpaid trades still inside their time, newest first (the wallet's pick list). */
export function listPayable(now = Date.now(), limit = 20): WechatTrade[] {
  const rows = db()
    .prepare(`SELECT * FROM wx_trades WHERE state = 'NOTPAY' AND expires_at > ? ORDER BY created_at DESC LIMIT ?`)
    .all(now, limit) as Row[];
  return rows.map(fromRow);
}

/** Trades paid within [fromMs, toMs), in order of payment (the day's bill). */
export function paidBetween(mchId: string, fromMs: number, toMs: number): WechatTrade[] {
  const rows = db()
    .prepare(`SELECT * FROM wx_trades WHERE mchid = ? AND state = 'SUCCESS' AND success_at >= ? AND success_at < ? ORDER BY success_at, rowid`)
    .all(mchId, fromMs, toMs) as Row[];
  return rows.map(fromRow);
}

export interface Payment {
  transactionId: string;
  payerOpenId: string;
  bankType: string;
  successAt: number;
}

/**
 * NOTPAY and not expired → SUCCESS. With `late`, also a CLOSED or expired trade (money that
 * arrived after the merchant gave up on it). False when nothing changed.
 */
export function markPaid(trade: WechatTrade, payment: Payment, options: { late?: boolean } = {}): boolean {
  const condition = options.late ? `state IN ('NOTPAY','CLOSED')` : `state = 'NOTPAY' AND expires_at > ?`;
  const args: (string | number)[] = [payment.transactionId, payment.payerOpenId, payment.bankType, payment.successAt, options.late ? 1 : 0];
  args.push(trade.mchId, trade.outTradeNo);
  if (!options.late) args.push(payment.successAt);
  const result = db()
    .prepare(
      `UPDATE wx_trades SET state = 'SUCCESS', transaction_id = ?, payer_openid = ?, bank_type = ?, success_at = ?, late_payment = ?
       WHERE mchid = ? AND out_trade_no = ? AND ${condition}`,
    )
    .run(...args);
  return result.changes === 1;
}

/** NOTPAY → CLOSED; false when the trade was not NOTPAY. */
export function markClosed(trade: WechatTrade, now = Date.now()): boolean {
  const result = db()
    .prepare(`UPDATE wx_trades SET state = 'CLOSED', closed_at = ? WHERE mchid = ? AND out_trade_no = ? AND state = 'NOTPAY'`)
    .run(now, trade.mchId, trade.outTradeNo);
  return result.changes === 1;
}

export function markDeclined(trade: WechatTrade, now = Date.now()): void {
  db().prepare(`UPDATE wx_trades SET declined_at = ? WHERE mchid = ? AND out_trade_no = ?`).run(now, trade.mchId, trade.outTradeNo);
}

/** Test control: the code_url's time runs out now (the trade stays NOTPAY, as at WeChat). */
export function expireNow(trade: WechatTrade, now = Date.now()): void {
  db().prepare(`UPDATE wx_trades SET expires_at = ? WHERE mchid = ? AND out_trade_no = ? AND state = 'NOTPAY'`).run(now, trade.mchId, trade.outTradeNo);
}

export function reload(trade: WechatTrade): WechatTrade {
  return findByOutTradeNo(trade.mchId, trade.outTradeNo)!;
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const randomChars = (alphabet: string, length: number) =>
  Array.from({ length }, () => alphabet[crypto.randomInt(alphabet.length)]).join("");

/** The pr= token: opaque and unguessable (it is all a payer needs to pay). */
function newCodeToken(): string {
  return randomChars(ALNUM, 16);
}

/** 28 digits: "4200" + 6 + Beijing yyyyMMdd + 10, the shape of real Native transaction ids. */
export function newTransactionId(now = Date.now()): string {
  return `4200${randomChars("0123456789", 6)}${beijingDate(now)}${randomChars("0123456789", 10)}`;
}

/** The wallet's one payer: "o" + 27 URL-safe characters, stable per appid as a real openid is. */
export function walletOpenId(appId: string): string {
  return `o${crypto.createHash("sha256").update(`emulated-wallet:${appId}`).digest("base64url").slice(0, 27)}`;
}
