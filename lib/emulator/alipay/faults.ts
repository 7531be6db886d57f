// Test faults per out_trade_no (table ali_faults). Keyed by out_trade_no, not by trade, so a
// test can arm them before the payer has opened the cashier (before the trade exists).
import { ensureTables } from "../store";
import type { NotifyFault } from "../dispatcher";

export type QueryError = "none" | "ACQ.SYSTEM_ERROR" | "20000";

export interface AlipayFault {
  /** Applies to the next notify only, then resets to "none". */
  nextNotify: NotifyFault;
  /** Wait before the next notify's first attempt (real ms, scaled by EMULATOR_TIME_SCALE). */
  nextNotifyDelayMs: number;
  /** How alipay.trade.query answers for this trade. */
  queryError: QueryError;
  /** How many more queries get the error; null means until cleared. */
  queryErrorTimes: number | null;
}

const NONE: AlipayFault = { nextNotify: "none", nextNotifyDelayMs: 0, queryError: "none", queryErrorTimes: null };

function db() {
  return ensureTables(
    "ali_faults",
    `CREATE TABLE IF NOT EXISTS ali_faults (
       out_trade_no TEXT PRIMARY KEY, next_notify TEXT NOT NULL DEFAULT 'none',
       next_notify_delay_ms INTEGER NOT NULL DEFAULT 0, query_error TEXT NOT NULL DEFAULT 'none',
       query_error_times INTEGER);`,
  );
}

interface Row {
  next_notify: NotifyFault;
  next_notify_delay_ms: number;
  query_error: QueryError;
  query_error_times: number | null;
}

export function getFault(outTradeNo: string): AlipayFault {
  const row = db().prepare(`SELECT * FROM ali_faults WHERE out_trade_no = ?`).get(outTradeNo) as Row | undefined;
  if (!row) return { ...NONE };
  return {
    nextNotify: row.next_notify,
    nextNotifyDelayMs: row.next_notify_delay_ms,
    queryError: row.query_error,
    queryErrorTimes: row.query_error_times,
  };
}

/** Merges the given settings into the trade's faults. */
export function setFault(outTradeNo: string, change: Partial<AlipayFault>): AlipayFault {
  const next = { ...getFault(outTradeNo), ...change };
  db()
    .prepare(
      `INSERT INTO ali_faults (out_trade_no, next_notify, next_notify_delay_ms, query_error, query_error_times)
       VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(out_trade_no) DO UPDATE SET next_notify = excluded.next_notify,
         next_notify_delay_ms = excluded.next_notify_delay_ms, query_error = excluded.query_error,
         query_error_times = excluded.query_error_times`,
    )
    .run(outTradeNo, next.nextNotify, next.nextNotifyDelayMs, next.queryError, next.queryErrorTimes);
  return next;
}

/** Reads and clears the one-shot notify fault. */
export function takeNotifyFault(outTradeNo: string): { fault: NotifyFault; delayMs: number } {
  const take = db().transaction(() => {
    const f = getFault(outTradeNo);
    if (f.nextNotify !== "none" || f.nextNotifyDelayMs !== 0) setFault(outTradeNo, { nextNotify: "none", nextNotifyDelayMs: 0 });
    return { fault: f.nextNotify, delayMs: f.nextNotifyDelayMs };
  });
  return take();
}

/** The error this query should get, counting it down; "none" answers normally. */
export function takeQueryError(outTradeNo: string): QueryError {
  const take = db().transaction(() => {
    const f = getFault(outTradeNo);
    if (f.queryError === "none") return "none" as const;
    if (f.queryErrorTimes !== null) {
      if (f.queryErrorTimes <= 0) return "none" as const;
      setFault(outTradeNo, f.queryErrorTimes === 1 ? { queryError: "none", queryErrorTimes: null } : { queryErrorTimes: f.queryErrorTimes - 1 });
    }
    return f.queryError;
  });
  return take();
}
