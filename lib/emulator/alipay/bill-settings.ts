// Test settings for the emulated bills (tables ali_bill_settings, ali_bill_plants): the fee rate,
// whether today's bill may be downloaded, and differences planted per out_trade_no.
import { ensureTables } from "../store";

export interface AlipayBillSettings {
  /** Alipay's service fee in basis points of each payment: 60 is 0.6%, the usual rate. */
  feeRateBasisPoints: number;
  /** Tests: serve the bill of today so far (Alipay itself only has days before today). */
  includeToday: boolean;
}

export interface AlipayBillPlant {
  /** Leave the trade's payment row (and its refund rows) out of every bill. */
  omit: boolean;
  /** Show this amount on the trade's payment row instead of what was paid. */
  amountFen: number | null;
}

const DEFAULTS: AlipayBillSettings = { feeRateBasisPoints: 60, includeToday: false };

function db() {
  return ensureTables(
    "ali_bill_settings",
    `CREATE TABLE IF NOT EXISTS ali_bill_settings (
       id INTEGER PRIMARY KEY CHECK (id = 1), fee_rate_bp INTEGER NOT NULL, include_today INTEGER NOT NULL);
     CREATE TABLE IF NOT EXISTS ali_bill_plants (
       out_trade_no TEXT PRIMARY KEY, omit INTEGER NOT NULL DEFAULT 0, amount_fen INTEGER);`,
  );
}

export function getBillSettings(): AlipayBillSettings {
  const row = db().prepare(`SELECT fee_rate_bp, include_today FROM ali_bill_settings WHERE id = 1`).get() as
    | { fee_rate_bp: number; include_today: number }
    | undefined;
  return row ? { feeRateBasisPoints: row.fee_rate_bp, includeToday: row.include_today === 1 } : { ...DEFAULTS };
}

export function setBillSettings(change: Partial<AlipayBillSettings>): AlipayBillSettings {
  const next = { ...getBillSettings(), ...change };
  db()
    .prepare(
      `INSERT INTO ali_bill_settings (id, fee_rate_bp, include_today) VALUES (1, ?, ?)
       ON CONFLICT(id) DO UPDATE SET fee_rate_bp = excluded.fee_rate_bp, include_today = excluded.include_today`,
    )
    .run(next.feeRateBasisPoints, next.includeToday ? 1 : 0);
  return next;
}

export function getBillPlant(outTradeNo: string): AlipayBillPlant {
  const row = db().prepare(`SELECT omit, amount_fen FROM ali_bill_plants WHERE out_trade_no = ?`).get(outTradeNo) as
    | { omit: number; amount_fen: number | null }
    | undefined;
  return row ? { omit: row.omit === 1, amountFen: row.amount_fen } : { omit: false, amountFen: null };
}

export function setBillPlant(outTradeNo: string, change: Partial<AlipayBillPlant>): AlipayBillPlant {
  const next = { ...getBillPlant(outTradeNo), ...change };
  db()
    .prepare(
      `INSERT INTO ali_bill_plants (out_trade_no, omit, amount_fen) VALUES (?, ?, ?)
       ON CONFLICT(out_trade_no) DO UPDATE SET omit = excluded.omit, amount_fen = excluded.amount_fen`,
    )
    .run(outTradeNo, next.omit ? 1 : 0, next.amountFen);
  return next;
}
