// The emulated Alipay's trades (table ali_trades). A trade moves WAIT_BUYER_PAY → TRADE_SUCCESS
// or WAIT_BUYER_PAY → TRADE_CLOSED, each by one conditional UPDATE, so two copies of this module
// (Next bundles entry points separately) or two clicks cannot both apply a change.
import crypto from "node:crypto";
import { ensureTables } from "../store";
import { beijingDate } from "./time";

export type TradeStatus = "WAIT_BUYER_PAY" | "TRADE_SUCCESS" | "TRADE_CLOSED";
export type PageMethod = "alipay.trade.page.pay" | "alipay.trade.wap.pay";

export interface AlipayTrade {
  tradeNo: string;
  appId: string;
  outTradeNo: string;
  method: PageMethod;
  productCode: string;
  subject: string;
  body: string | null;
  passbackParams: string | null;
  totalFen: number;
  status: TradeStatus;
  notifyUrl: string | null;
  returnUrl: string | null;
  quitUrl: string | null;
  /** The merchant page the payer came from, where "取消付款" on the desktop cashier goes back to. */
  referer: string | null;
  cashierToken: string;
  buyerId: string;
  buyerLogonId: string;
  createdAt: number;
  expiresAt: number;
  paidAt: number | null;
  closedAt: number | null;
  /** Paid after it had been closed (the pay_after_close test control). */
  latePayment: boolean;
}

function db() {
  return ensureTables(
    "ali_trades",
    `CREATE TABLE IF NOT EXISTS ali_trades (
       trade_no TEXT PRIMARY KEY, app_id TEXT NOT NULL, out_trade_no TEXT NOT NULL,
       method TEXT NOT NULL, product_code TEXT NOT NULL, subject TEXT NOT NULL, body TEXT,
       passback_params TEXT, total_fen INTEGER NOT NULL, status TEXT NOT NULL,
       notify_url TEXT, return_url TEXT, quit_url TEXT, referer TEXT,
       cashier_token TEXT NOT NULL UNIQUE, buyer_id TEXT NOT NULL, buyer_logon_id TEXT NOT NULL,
       created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, paid_at INTEGER, closed_at INTEGER,
       late_payment INTEGER NOT NULL DEFAULT 0,
       UNIQUE (app_id, out_trade_no));
     CREATE INDEX IF NOT EXISTS ali_trades_expiry ON ali_trades(status, expires_at);`,
  );
}

interface Row {
  trade_no: string;
  app_id: string;
  out_trade_no: string;
  method: PageMethod;
  product_code: string;
  subject: string;
  body: string | null;
  passback_params: string | null;
  total_fen: number;
  status: TradeStatus;
  notify_url: string | null;
  return_url: string | null;
  quit_url: string | null;
  referer: string | null;
  cashier_token: string;
  buyer_id: string;
  buyer_logon_id: string;
  created_at: number;
  expires_at: number;
  paid_at: number | null;
  closed_at: number | null;
  late_payment: number;
}

function fromRow(r: Row): AlipayTrade {
  return {
    tradeNo: r.trade_no,
    appId: r.app_id,
    outTradeNo: r.out_trade_no,
    method: r.method,
    productCode: r.product_code,
    subject: r.subject,
    body: r.body,
    passbackParams: r.passback_params,
    totalFen: r.total_fen,
    status: r.status,
    notifyUrl: r.notify_url,
    returnUrl: r.return_url,
    quitUrl: r.quit_url,
    referer: r.referer,
    cashierToken: r.cashier_token,
    buyerId: r.buyer_id,
    buyerLogonId: r.buyer_logon_id,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    paidAt: r.paid_at,
    closedAt: r.closed_at,
    latePayment: r.late_payment === 1,
  };
}

function one(sql: string, ...args: unknown[]): AlipayTrade | null {
  const row = db().prepare(sql).get(...args) as Row | undefined;
  return row ? fromRow(row) : null;
}

export function findByOutTradeNo(appId: string, outTradeNo: string): AlipayTrade | null {
  return one(`SELECT * FROM ali_trades WHERE app_id = ? AND out_trade_no = ?`, appId, outTradeNo);
}

export function findByTradeNo(appId: string, tradeNo: string): AlipayTrade | null {
  return one(`SELECT * FROM ali_trades WHERE app_id = ? AND trade_no = ?`, appId, tradeNo);
}

export function findByToken(token: string): AlipayTrade | null {
  return one(`SELECT * FROM ali_trades WHERE cashier_token = ?`, token);
}

/** For test controls, which name a trade by out_trade_no only (the emulator serves one app). */
export function findAnyByOutTradeNo(outTradeNo: string): AlipayTrade | null {
  return one(`SELECT * FROM ali_trades WHERE out_trade_no = ? ORDER BY created_at DESC LIMIT 1`, outTradeNo);
}

/** Trades paid in [fromMs, toMs), oldest first (a day's bill): paid, or paid and since refunded in full. */
export function listPaidBetween(appId: string, fromMs: number, toMs: number): AlipayTrade[] {
  return (db().prepare(`SELECT * FROM ali_trades WHERE app_id = ? AND paid_at >= ? AND paid_at < ? ORDER BY paid_at, rowid`).all(appId, fromMs, toMs) as Row[]).map(fromRow);
}

export function listExpiredWaiting(now: number): AlipayTrade[] {
  return (db().prepare(`SELECT * FROM ali_trades WHERE status = 'WAIT_BUYER_PAY' AND expires_at <= ? LIMIT 100`).all(now) as Row[]).map(fromRow);
}

export function nextExpiry(): number | null {
  const row = db().prepare(`SELECT MIN(expires_at) AS at FROM ali_trades WHERE status = 'WAIT_BUYER_PAY'`).get() as { at: number | null };
  return row.at;
}

export type NewTrade = Omit<AlipayTrade, "tradeNo" | "status" | "cashierToken" | "buyerId" | "buyerLogonId" | "paidAt" | "closedAt" | "latePayment">;

// The emulated payer: one sandbox buyer account, masked the way Alipay shows a phone login.
const BUYER_ID = "2088102177846880";
const BUYER_LOGON_ID = "159****5620";

/** Inserts unless the out_trade_no already has a trade; returns whichever trade exists. */
export function insertTrade(t: NewTrade): AlipayTrade {
  db()
    .prepare(
      `INSERT OR IGNORE INTO ali_trades (trade_no, app_id, out_trade_no, method, product_code, subject, body,
         passback_params, total_fen, status, notify_url, return_url, quit_url, referer, cashier_token,
         buyer_id, buyer_logon_id, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'WAIT_BUYER_PAY', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      newTradeNo(t.createdAt),
      t.appId,
      t.outTradeNo,
      t.method,
      t.productCode,
      t.subject,
      t.body,
      t.passbackParams,
      t.totalFen,
      t.notifyUrl,
      t.returnUrl,
      t.quitUrl,
      t.referer,
      crypto.randomBytes(16).toString("hex"),
      BUYER_ID,
      BUYER_LOGON_ID,
      t.createdAt,
      t.expiresAt,
    );
  return findByOutTradeNo(t.appId, t.outTradeNo)!;
}

/** The payer came back to the cashier (same trade): the latest visit decides where the browser goes. */
export function updateVisit(tradeNo: string, v: Pick<AlipayTrade, "method" | "returnUrl" | "quitUrl" | "referer">): void {
  db()
    .prepare(`UPDATE ali_trades SET method = ?, return_url = ?, quit_url = ?, referer = COALESCE(?, referer) WHERE trade_no = ? AND status = 'WAIT_BUYER_PAY'`)
    .run(v.method, v.returnUrl, v.quitUrl, v.referer, tradeNo);
}

/** WAIT_BUYER_PAY → TRADE_SUCCESS while unexpired; with `late`, a closed trade too. */
export function markPaid(tradeNo: string, now: number, late = false): boolean {
  const result = late
    ? db()
        .prepare(
          `UPDATE ali_trades SET status = 'TRADE_SUCCESS', paid_at = ?, late_payment = (status = 'TRADE_CLOSED')
           WHERE trade_no = ? AND status IN ('WAIT_BUYER_PAY', 'TRADE_CLOSED')`,
        )
        .run(now, tradeNo)
    : db()
        .prepare(`UPDATE ali_trades SET status = 'TRADE_SUCCESS', paid_at = ? WHERE trade_no = ? AND status = 'WAIT_BUYER_PAY' AND expires_at > ?`)
        .run(now, tradeNo, now);
  return result.changes === 1;
}

export function markClosed(tradeNo: string, closedAt: number): boolean {
  return db().prepare(`UPDATE ali_trades SET status = 'TRADE_CLOSED', closed_at = ? WHERE trade_no = ? AND status = 'WAIT_BUYER_PAY'`).run(closedAt, tradeNo).changes === 1;
}

/** Test control: make an unpaid trade due for expiry now. */
export function expireNow(tradeNo: string, now: number): void {
  db().prepare(`UPDATE ali_trades SET expires_at = ? WHERE trade_no = ? AND status = 'WAIT_BUYER_PAY'`).run(now, tradeNo);
}

/** 28 digits, "YYYYMMDD" + "22001" + 15 digits, the shape of Alipay's trade_no. */
export function newTradeNo(now: number): string {
  const tail = crypto.randomInt(10 ** 6, 10 ** 7).toString() + crypto.randomInt(0, 10 ** 8).toString().padStart(8, "0");
  return `${beijingDate(now)}22001${tail}`;
}
