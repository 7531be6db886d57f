// Test faults for refunds, per out_trade_no (table ali_refund_faults); armed before the refund.
// Dropping a refund's notify uses the trade's ordinary nextNotify fault (faults.ts).
import { ensureTables } from "../store";

/**
 * How alipay.trade.refund answers:
 * - ACQ.SYSTEM_ERROR / 20000: a signed error answer, nothing refunded;
 * - http_502: the refund IS made, then the gateway answers 502 (the answer is lost: the outcome
 *   is unknown to the merchant, who must retry with the same out_request_no or query).
 */
export type RefundCreateError = "none" | "ACQ.SYSTEM_ERROR" | "20000" | "http_502";

export interface AlipayRefundFault {
  createError: RefundCreateError;
  /** How many more refund calls get the error; null means until cleared. */
  createErrorTimes: number | null;
  /** The next N refund queries answer as if no refund existed yet (Alipay's refund query lags). */
  queryUnconfirmed: number;
}

const NONE: AlipayRefundFault = { createError: "none", createErrorTimes: null, queryUnconfirmed: 0 };

function db() {
  return ensureTables(
    "ali_refund_faults",
    `CREATE TABLE IF NOT EXISTS ali_refund_faults (
       out_trade_no TEXT PRIMARY KEY, create_error TEXT NOT NULL DEFAULT 'none',
       create_error_times INTEGER, query_unconfirmed INTEGER NOT NULL DEFAULT 0);`,
  );
}

interface Row {
  create_error: RefundCreateError;
  create_error_times: number | null;
  query_unconfirmed: number;
}

export function getRefundFault(outTradeNo: string): AlipayRefundFault {
  const row = db().prepare(`SELECT * FROM ali_refund_faults WHERE out_trade_no = ?`).get(outTradeNo) as Row | undefined;
  if (!row) return { ...NONE };
  return { createError: row.create_error, createErrorTimes: row.create_error_times, queryUnconfirmed: row.query_unconfirmed };
}

export function setRefundFault(outTradeNo: string, change: Partial<AlipayRefundFault>): AlipayRefundFault {
  const next = { ...getRefundFault(outTradeNo), ...change };
  db()
    .prepare(
      `INSERT INTO ali_refund_faults (out_trade_no, create_error, create_error_times, query_unconfirmed) VALUES (?, ?, ?, ?)
       ON CONFLICT(out_trade_no) DO UPDATE SET create_error = excluded.create_error,
         create_error_times = excluded.create_error_times, query_unconfirmed = excluded.query_unconfirmed`,
    )
    .run(outTradeNo, next.createError, next.createErrorTimes, next.queryUnconfirmed);
  return next;
}

/** The error this refund call should meet, counting it down; "none" refunds normally. */
export function takeRefundCreateError(outTradeNo: string): RefundCreateError {
  const take = db().transaction((): RefundCreateError => {
    const f = getRefundFault(outTradeNo);
    if (f.createError === "none") return "none";
    if (f.createErrorTimes !== null) {
      if (f.createErrorTimes <= 0) return "none";
      setRefundFault(outTradeNo, f.createErrorTimes === 1 ? { createError: "none", createErrorTimes: null } : { createErrorTimes: f.createErrorTimes - 1 });
    }
    return f.createError;
  });
  return take();
}

/** True when this refund query must not see the refund yet (counting down). */
export function takeQueryUnconfirmed(outTradeNo: string): boolean {
  const take = db().transaction((): boolean => {
    const f = getRefundFault(outTradeNo);
    if (f.queryUnconfirmed <= 0) return false;
    setRefundFault(outTradeNo, { queryUnconfirmed: f.queryUnconfirmed - 1 });
    return true;
  });
  return take();
}
