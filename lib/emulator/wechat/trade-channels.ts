// How a trade was created (tables wx_trade_channels, wx_h5_links): trade type, the JSAPI payer's
// openid and prepay_id, the H5 payer's IP and the short-lived h5_url tokens. Native trades have no
// row here. Kept beside wx_trades so the Native tables stay as they were.
import crypto from "node:crypto";
import { ensureTables } from "../store";
import { beijingDateTime } from "./phone-time";

export type TradeType = "NATIVE" | "JSAPI" | "MWEB";

export interface TradeChannel {
  mchId: string;
  outTradeNo: string;
  tradeType: Exclude<TradeType, "NATIVE">;
  openid: string | null;
  payerClientIp: string | null;
  prepayId: string | null;
  prepayExpiresAt: number | null;
}

export interface H5Link {
  token: string;
  mchId: string;
  outTradeNo: string;
  expiresAt: number;
}

function db() {
  return ensureTables(
    "wx_trade_channels",
    `CREATE TABLE IF NOT EXISTS wx_trade_channels (
       mchid TEXT NOT NULL, out_trade_no TEXT NOT NULL, trade_type TEXT NOT NULL, openid TEXT,
       payer_client_ip TEXT, prepay_id TEXT UNIQUE, prepay_expires_at INTEGER,
       PRIMARY KEY (mchid, out_trade_no));
     CREATE TABLE IF NOT EXISTS wx_h5_links (
       token TEXT PRIMARY KEY, mchid TEXT NOT NULL, out_trade_no TEXT NOT NULL, expires_at INTEGER NOT NULL);`,
  );
}

interface Row {
  mchid: string;
  out_trade_no: string;
  trade_type: TradeChannel["tradeType"];
  openid: string | null;
  payer_client_ip: string | null;
  prepay_id: string | null;
  prepay_expires_at: number | null;
}

const fromRow = (r: Row): TradeChannel => ({
  mchId: r.mchid,
  outTradeNo: r.out_trade_no,
  tradeType: r.trade_type,
  openid: r.openid,
  payerClientIp: r.payer_client_ip,
  prepayId: r.prepay_id,
  prepayExpiresAt: r.prepay_expires_at,
});

/** Stores the channel unless the trade already has one; returns whichever is stored. */
export function recordChannel(channel: Omit<TradeChannel, "prepayId" | "prepayExpiresAt"> & { prepayExpiresAt?: number }, now = Date.now()): TradeChannel {
  const prepayId = channel.tradeType === "JSAPI" ? newPrepayId(now) : null;
  db()
    .prepare(
      `INSERT OR IGNORE INTO wx_trade_channels (mchid, out_trade_no, trade_type, openid, payer_client_ip, prepay_id, prepay_expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(channel.mchId, channel.outTradeNo, channel.tradeType, channel.openid, channel.payerClientIp, prepayId, channel.prepayExpiresAt ?? null);
  return channelOf(channel.mchId, channel.outTradeNo)!;
}

export function channelOf(mchId: string, outTradeNo: string): TradeChannel | null {
  const row = db().prepare(`SELECT * FROM wx_trade_channels WHERE mchid = ? AND out_trade_no = ?`).get(mchId, outTradeNo) as Row | undefined;
  return row ? fromRow(row) : null;
}

export function channelByPrepayId(prepayId: string): TradeChannel | null {
  const row = db().prepare(`SELECT * FROM wx_trade_channels WHERE prepay_id = ?`).get(prepayId) as Row | undefined;
  return row ? fromRow(row) : null;
}

/** A fresh h5_url token for the trade, valid for ttlMs. */
export function issueH5Link(mchId: string, outTradeNo: string, ttlMs: number, now = Date.now()): H5Link {
  // Shaped like a prepay_id, as the real h5_url carries one.
  const link = { token: newPrepayId(now), mchId, outTradeNo, expiresAt: now + ttlMs };
  db().prepare(`INSERT INTO wx_h5_links (token, mchid, out_trade_no, expires_at) VALUES (?, ?, ?, ?)`).run(link.token, mchId, outTradeNo, link.expiresAt);
  return link;
}

export function findH5Link(token: string): H5Link | null {
  const row = db().prepare(`SELECT * FROM wx_h5_links WHERE token = ?`).get(token) as
    | { token: string; mchid: string; out_trade_no: string; expires_at: number }
    | undefined;
  return row ? { token: row.token, mchId: row.mchid, outTradeNo: row.out_trade_no, expiresAt: row.expires_at } : null;
}

/** "wx" + Beijing yyyyMMddHHmmss + 20 characters: the shape of real prepay ids. */
function newPrepayId(now: number): string {
  return `wx${beijingDateTime(now)}${crypto.randomBytes(10).toString("hex")}`;
}
