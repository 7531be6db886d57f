// The emulated Alipay's refunds (table ali_refunds), one row per (trade, out_request_no).
// alipay.trade.refund is synchronous at Alipay: a refund row exists only once the money moved.
// Each refund is decided inside one IMMEDIATE transaction, so two copies of this module or two
// concurrent requests can never refund more than was paid.
import { ensureTables, getEmulatorDb } from "../store";
import type { AlipayTrade } from "./trades";

export interface AlipayRefund {
  tradeNo: string;
  outRequestNo: string;
  appId: string;
  outTradeNo: string;
  refundFen: number;
  reason: string | null;
  refundedAt: number;
}

function db() {
  return ensureTables(
    "ali_refunds",
    `CREATE TABLE IF NOT EXISTS ali_refunds (
       trade_no TEXT NOT NULL, out_request_no TEXT NOT NULL, app_id TEXT NOT NULL,
       out_trade_no TEXT NOT NULL, refund_fen INTEGER NOT NULL, reason TEXT,
       refunded_at INTEGER NOT NULL,
       PRIMARY KEY (trade_no, out_request_no));
     CREATE INDEX IF NOT EXISTS ali_refunds_time ON ali_refunds(refunded_at);`,
  );
}

interface Row {
  trade_no: string;
  out_request_no: string;
  app_id: string;
  out_trade_no: string;
  refund_fen: number;
  reason: string | null;
  refunded_at: number;
}

function fromRow(r: Row): AlipayRefund {
  return {
    tradeNo: r.trade_no,
    outRequestNo: r.out_request_no,
    appId: r.app_id,
    outTradeNo: r.out_trade_no,
    refundFen: r.refund_fen,
    reason: r.reason,
    refundedAt: r.refunded_at,
  };
}

export function findRefund(tradeNo: string, outRequestNo: string): AlipayRefund | null {
  const row = db().prepare(`SELECT * FROM ali_refunds WHERE trade_no = ? AND out_request_no = ?`).get(tradeNo, outRequestNo) as Row | undefined;
  return row ? fromRow(row) : null;
}

export function refundsOfTrade(tradeNo: string): AlipayRefund[] {
  return (db().prepare(`SELECT * FROM ali_refunds WHERE trade_no = ? ORDER BY refunded_at, rowid`).all(tradeNo) as Row[]).map(fromRow);
}

/** Refunds made in [fromMs, toMs), oldest first (a day's bill). */
export function refundsBetween(appId: string, fromMs: number, toMs: number): AlipayRefund[] {
  return (
    db().prepare(`SELECT * FROM ali_refunds WHERE app_id = ? AND refunded_at >= ? AND refunded_at < ? ORDER BY refunded_at, rowid`).all(appId, fromMs, toMs) as Row[]
  ).map(fromRow);
}

export function refundedFen(tradeNo: string): number {
  const row = db().prepare(`SELECT COALESCE(SUM(refund_fen), 0) AS fen FROM ali_refunds WHERE trade_no = ?`).get(tradeNo) as { fen: number };
  return row.fen;
}

export type RefundDecision =
  /** The money moved now; `closedTrade` when this refund returned the rest of the payment. */
  | { outcome: "refunded"; refund: AlipayRefund; refundedFen: number; closedTrade: boolean }
  /** The same out_request_no and amount again: the same refund, nothing moves. */
  | { outcome: "repeat"; refund: AlipayRefund; refundedFen: number }
  | { outcome: "refused"; subCode: string; subMsg: string };

export interface RefundAsk {
  outRequestNo: string;
  refundFen: number;
  reason: string | null;
  now: number;
}

/** Decides and records one alipay.trade.refund against the trade, atomically. */
export function decideRefund(trade: AlipayTrade, ask: RefundAsk): RefundDecision {
  const conn = db();
  const run = conn.transaction((): RefundDecision => {
    const existing = findRefund(trade.tradeNo, ask.outRequestNo);
    if (existing) {
      if (existing.refundFen !== ask.refundFen) {
        return { outcome: "refused", subCode: "ACQ.DISCORDANT_REPEAT_REQUEST", subMsg: "请求信息不一致：同一退款请求号的退款金额与首次请求不同" };
      }
      return { outcome: "repeat", refund: existing, refundedFen: refundedFen(trade.tradeNo) };
    }
    // The trade's state as of this transaction, not as read before it.
    const state = getEmulatorDb().prepare(`SELECT status, total_fen FROM ali_trades WHERE trade_no = ?`).get(trade.tradeNo) as
      | { status: string; total_fen: number }
      | undefined;
    if (!state) return { outcome: "refused", subCode: "ACQ.TRADE_NOT_EXIST", subMsg: "交易不存在" };
    if (state.status === "WAIT_BUYER_PAY") return { outcome: "refused", subCode: "ACQ.TRADE_STATUS_ERROR", subMsg: "交易状态不合法：交易尚未付款" };
    if (state.status === "TRADE_CLOSED") return { outcome: "refused", subCode: "ACQ.TRADE_HAS_CLOSE", subMsg: "交易已经关闭" };
    const before = refundedFen(trade.tradeNo);
    if (before + ask.refundFen > state.total_fen) {
      return { outcome: "refused", subCode: "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", subMsg: "退款金额超限：退款金额不能超过交易金额减去已退款金额" };
    }
    conn
      .prepare(`INSERT INTO ali_refunds (trade_no, out_request_no, app_id, out_trade_no, refund_fen, reason, refunded_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(trade.tradeNo, ask.outRequestNo, trade.appId, trade.outTradeNo, ask.refundFen, ask.reason, ask.now);
    const after = before + ask.refundFen;
    // Refunding the whole payment ends the trade: Alipay reports it TRADE_CLOSED from then on.
    const closedTrade = after === state.total_fen;
    if (closedTrade) {
      conn.prepare(`UPDATE ali_trades SET status = 'TRADE_CLOSED', closed_at = ? WHERE trade_no = ? AND status = 'TRADE_SUCCESS'`).run(ask.now, trade.tradeNo);
    }
    return { outcome: "refunded", refund: findRefund(trade.tradeNo, ask.outRequestNo)!, refundedFen: after, closedTrade };
  });
  return run.immediate();
}
