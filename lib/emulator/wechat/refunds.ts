// The emulated WeChat Pay's refunds (table wx_refunds). A refund is accepted PROCESSING and later
// settles to SUCCESS, ABNORMAL or CLOSED by one conditional UPDATE, so two copies of this module
// (Next bundles entry points separately) cannot both settle it or both notify.
import crypto from "node:crypto";
import { ensureTables } from "../store";
import { beijingDate } from "./time";

export type RefundStatus = "PROCESSING" | "SUCCESS" | "ABNORMAL" | "CLOSED";
/** Where a PROCESSING refund is headed; PROCESSING means it stays so until a test control settles it. */
export type RefundOutcome = RefundStatus;

export interface WechatRefund {
  mchId: string;
  outRefundNo: string;
  refundId: string;
  outTradeNo: string;
  transactionId: string;
  reason: string | null;
  /** The refund's own notify_url, or null: notifies then go to the trade's. */
  notifyUrl: string | null;
  refundFen: number;
  totalFen: number;
  /** The create request's parameters, canonical JSON: a repeat must carry the same. */
  paramsKey: string;
  status: RefundStatus;
  outcome: RefundOutcome;
  /** When a PROCESSING refund settles to its outcome (epoch ms). */
  settleAt: number;
  successAt: number | null;
  createdAt: number;
}

function db() {
  return ensureTables(
    "wx_refunds",
    `CREATE TABLE IF NOT EXISTS wx_refunds (
       mchid TEXT NOT NULL, out_refund_no TEXT NOT NULL, refund_id TEXT NOT NULL UNIQUE,
       out_trade_no TEXT NOT NULL, transaction_id TEXT NOT NULL, reason TEXT, notify_url TEXT,
       refund_fen INTEGER NOT NULL, total_fen INTEGER NOT NULL, params_key TEXT NOT NULL,
       status TEXT NOT NULL, outcome TEXT NOT NULL, settle_at INTEGER NOT NULL,
       success_at INTEGER, created_at INTEGER NOT NULL,
       PRIMARY KEY (mchid, out_refund_no));
     CREATE INDEX IF NOT EXISTS wx_refunds_trade ON wx_refunds(mchid, out_trade_no);
     CREATE INDEX IF NOT EXISTS wx_refunds_due ON wx_refunds(status, settle_at);
     CREATE INDEX IF NOT EXISTS wx_refunds_success ON wx_refunds(status, success_at);`,
  );
}

interface Row {
  mchid: string;
  out_refund_no: string;
  refund_id: string;
  out_trade_no: string;
  transaction_id: string;
  reason: string | null;
  notify_url: string | null;
  refund_fen: number;
  total_fen: number;
  params_key: string;
  status: RefundStatus;
  outcome: RefundOutcome;
  settle_at: number;
  success_at: number | null;
  created_at: number;
}

function fromRow(r: Row): WechatRefund {
  return {
    mchId: r.mchid,
    outRefundNo: r.out_refund_no,
    refundId: r.refund_id,
    outTradeNo: r.out_trade_no,
    transactionId: r.transaction_id,
    reason: r.reason,
    notifyUrl: r.notify_url,
    refundFen: r.refund_fen,
    totalFen: r.total_fen,
    paramsKey: r.params_key,
    status: r.status,
    outcome: r.outcome,
    settleAt: r.settle_at,
    successAt: r.success_at,
    createdAt: r.created_at,
  };
}

export type NewRefund = Omit<WechatRefund, "refundId" | "status" | "successAt" | "createdAt">;

export type InsertResult =
  | { kind: "created"; refund: WechatRefund }
  | { kind: "existing"; refund: WechatRefund }
  /** Refunds not closed would come to more than the trade's total. */
  | { kind: "over_refund"; refundableFen: number }
  | { kind: "too_many" };

/** The documented ceiling of partial refunds per order. */
export const MAX_REFUNDS_PER_TRADE = 50;

/**
 * Inserts a refund unless its number exists, holding the trade's total against every refund that
 * is not CLOSED, in one IMMEDIATE transaction (so two racing creates cannot both fit).
 */
export function insertRefund(r: NewRefund, now = Date.now()): InsertResult {
  const conn = db();
  return conn
    .transaction((): InsertResult => {
      const existing = findRefund(r.mchId, r.outRefundNo);
      if (existing) return { kind: "existing", refund: existing };
      const held = conn
        .prepare(
          `SELECT COALESCE(SUM(refund_fen), 0) AS fen, COUNT(*) AS n FROM wx_refunds
           WHERE mchid = ? AND out_trade_no = ? AND status != 'CLOSED'`,
        )
        .get(r.mchId, r.outTradeNo) as { fen: number; n: number };
      if (held.n >= MAX_REFUNDS_PER_TRADE) return { kind: "too_many" };
      if (held.fen + r.refundFen > r.totalFen) return { kind: "over_refund", refundableFen: Math.max(0, r.totalFen - held.fen) };
      conn
        .prepare(
          `INSERT INTO wx_refunds (mchid, out_refund_no, refund_id, out_trade_no, transaction_id, reason, notify_url,
             refund_fen, total_fen, params_key, status, outcome, settle_at, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PROCESSING', ?, ?, ?)`,
        )
        .run(r.mchId, r.outRefundNo, newRefundId(now), r.outTradeNo, r.transactionId, r.reason, r.notifyUrl, r.refundFen, r.totalFen, r.paramsKey, r.outcome, r.settleAt, now);
      return { kind: "created", refund: findRefund(r.mchId, r.outRefundNo)! };
    })
    .immediate();
}

export function findRefund(mchId: string, outRefundNo: string): WechatRefund | null {
  const row = db().prepare(`SELECT * FROM wx_refunds WHERE mchid = ? AND out_refund_no = ?`).get(mchId, outRefundNo) as Row | undefined;
  return row ? fromRow(row) : null;
}

/** For test controls, which name a refund by out_refund_no alone. */
export function findAnyRefund(outRefundNo: string): WechatRefund | null {
  const row = db().prepare(`SELECT * FROM wx_refunds WHERE out_refund_no = ? ORDER BY created_at DESC LIMIT 1`).get(outRefundNo) as Row | undefined;
  return row ? fromRow(row) : null;
}

export function refundsOfTrade(mchId: string, outTradeNo: string): WechatRefund[] {
  const rows = db().prepare(`SELECT * FROM wx_refunds WHERE mchid = ? AND out_trade_no = ? ORDER BY created_at, rowid`).all(mchId, outTradeNo) as Row[];
  return rows.map(fromRow);
}

/** PROCESSING refunds whose time has come (their outcome is not "stay PROCESSING"). */
export function dueRefunds(now = Date.now()): WechatRefund[] {
  const rows = db()
    .prepare(`SELECT * FROM wx_refunds WHERE status = 'PROCESSING' AND outcome != 'PROCESSING' AND settle_at <= ? ORDER BY settle_at LIMIT 100`)
    .all(now) as Row[];
  return rows.map(fromRow);
}

/** The earliest settle_at still waiting, or null. */
export function nextSettleAt(): number | null {
  const row = db().prepare(`SELECT MIN(settle_at) AS at FROM wx_refunds WHERE status = 'PROCESSING' AND outcome != 'PROCESSING'`).get() as { at: number | null };
  return row.at;
}

/** PROCESSING → status; false when the refund had already settled (another copy got there first). */
export function markSettled(refund: WechatRefund, status: Exclude<RefundStatus, "PROCESSING">, now = Date.now()): boolean {
  const result = db()
    .prepare(`UPDATE wx_refunds SET status = ?, success_at = ? WHERE mchid = ? AND out_refund_no = ? AND status = 'PROCESSING'`)
    .run(status, status === "SUCCESS" ? now : null, refund.mchId, refund.outRefundNo);
  return result.changes === 1;
}

/** Refunds that succeeded within [fromMs, toMs), for the day's bill. */
export function succeededBetween(mchId: string, fromMs: number, toMs: number): WechatRefund[] {
  const rows = db()
    .prepare(`SELECT * FROM wx_refunds WHERE mchid = ? AND status = 'SUCCESS' AND success_at >= ? AND success_at < ? ORDER BY success_at, rowid`)
    .all(mchId, fromMs, toMs) as Row[];
  return rows.map(fromRow);
}

/** Whether any refund was accepted on the trade (its trade_state is then REFUND). */
export function hasRefunds(mchId: string, outTradeNo: string): boolean {
  return db().prepare(`SELECT 1 FROM wx_refunds WHERE mchid = ? AND out_trade_no = ? LIMIT 1`).get(mchId, outTradeNo) !== undefined;
}

export function reloadRefund(refund: WechatRefund): WechatRefund {
  return findRefund(refund.mchId, refund.outRefundNo)!;
}

const digits = (length: number) => Array.from({ length }, () => crypto.randomInt(10)).join("");

/** 29 digits starting "50", the shape of real refund ids. */
export function newRefundId(now = Date.now()): string {
  return `50${digits(6)}${beijingDate(now)}${digits(13)}`;
}
