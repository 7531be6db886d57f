// Test faults per out_trade_no (table wx_faults). Keyed by out_trade_no rather than by trade so a
// test can arm them before the merchant has created the order.
import type { NotifyFault } from "../dispatcher";
import { ensureTables } from "../store";

export interface WechatFault {
  /** Applies to the next notify only, then resets to "none". */
  nextNotify: NotifyFault;
  /** Wait before the next notify's first attempt (real ms, scaled by EMULATOR_TIME_SCALE); one-shot too. */
  nextNotifyDelayMs: number;
  /** Queries of this trade answer 500 SYSTEM_ERROR until cleared. */
  queryError: boolean;
}

const NONE: WechatFault = { nextNotify: "none", nextNotifyDelayMs: 0, queryError: false };

function db() {
  return ensureTables(
    "wx_faults",
    `CREATE TABLE IF NOT EXISTS wx_faults (
       out_trade_no TEXT PRIMARY KEY, next_notify TEXT NOT NULL DEFAULT 'none',
       next_notify_delay_ms INTEGER NOT NULL DEFAULT 0, query_error INTEGER NOT NULL DEFAULT 0);`,
  );
}

interface Row {
  next_notify: NotifyFault;
  next_notify_delay_ms: number;
  query_error: number;
}

export function getFault(outTradeNo: string): WechatFault {
  const row = db().prepare(`SELECT * FROM wx_faults WHERE out_trade_no = ?`).get(outTradeNo) as Row | undefined;
  if (!row) return { ...NONE };
  return { nextNotify: row.next_notify, nextNotifyDelayMs: row.next_notify_delay_ms, queryError: row.query_error === 1 };
}

/** Merges the given settings into the trade's faults. */
export function setFault(outTradeNo: string, change: Partial<WechatFault>): WechatFault {
  const next = { ...getFault(outTradeNo), ...change };
  db()
    .prepare(
      `INSERT INTO wx_faults (out_trade_no, next_notify, next_notify_delay_ms, query_error) VALUES (?, ?, ?, ?)
       ON CONFLICT(out_trade_no) DO UPDATE SET next_notify = excluded.next_notify,
         next_notify_delay_ms = excluded.next_notify_delay_ms, query_error = excluded.query_error`,
    )
    .run(outTradeNo, next.nextNotify, next.nextNotifyDelayMs, next.queryError ? 1 : 0);
  return next;
}

/** Reads and clears the one-shot notify fault, atomically (two payments cannot both take it). */
export function takeNotifyFault(outTradeNo: string): { fault: NotifyFault; delayMs: number } {
  return db().transaction(() => {
    const f = getFault(outTradeNo);
    if (f.nextNotify !== "none" || f.nextNotifyDelayMs !== 0) setFault(outTradeNo, { nextNotify: "none", nextNotifyDelayMs: 0 });
    return { fault: f.nextNotify, delayMs: f.nextNotifyDelayMs };
  })();
}
