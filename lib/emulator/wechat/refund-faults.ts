// Refund test faults per out_trade_no (table wx_refund_faults). Keyed by the trade, not by the
// refund, because a test knows the order number before the merchant picks a refund number.
import type { NotifyFault } from "../dispatcher";
import { ensureTables } from "../store";
import type { RefundOutcome } from "./refunds";

export interface WechatRefundFault {
  /** Where the trade's new refunds end up; PROCESSING keeps them processing until settled by hand. */
  outcome: RefundOutcome;
  /** How long a new refund stays PROCESSING (real ms, scaled by EMULATOR_TIME_SCALE). */
  settleDelayMs: number;
  /** The next N creates answer 500 SYSTEM_ERROR. */
  createErrors: number;
  /** Whether such a create is recorded before the 500 (the answer was lost) or not at all. */
  createErrorRecorded: boolean;
  /** The next refund notify only: dropped or sent twice. */
  nextNotify: NotifyFault;
}

/** A refund to change money settles in seconds at WeChat; tests scale this down. */
export const DEFAULT_SETTLE_DELAY_MS = 3000;

const NONE: WechatRefundFault = { outcome: "SUCCESS", settleDelayMs: DEFAULT_SETTLE_DELAY_MS, createErrors: 0, createErrorRecorded: false, nextNotify: "none" };

function db() {
  return ensureTables(
    "wx_refund_faults",
    `CREATE TABLE IF NOT EXISTS wx_refund_faults (
       out_trade_no TEXT PRIMARY KEY, outcome TEXT NOT NULL, settle_delay_ms INTEGER NOT NULL,
       create_errors INTEGER NOT NULL, create_error_recorded INTEGER NOT NULL, next_notify TEXT NOT NULL);`,
  );
}

interface Row {
  outcome: RefundOutcome;
  settle_delay_ms: number;
  create_errors: number;
  create_error_recorded: number;
  next_notify: NotifyFault;
}

export function getRefundFault(outTradeNo: string): WechatRefundFault {
  const row = db().prepare(`SELECT * FROM wx_refund_faults WHERE out_trade_no = ?`).get(outTradeNo) as Row | undefined;
  if (!row) return { ...NONE };
  return {
    outcome: row.outcome,
    settleDelayMs: row.settle_delay_ms,
    createErrors: row.create_errors,
    createErrorRecorded: row.create_error_recorded === 1,
    nextNotify: row.next_notify,
  };
}

export function setRefundFault(outTradeNo: string, change: Partial<WechatRefundFault>): WechatRefundFault {
  const next = { ...getRefundFault(outTradeNo), ...change };
  db()
    .prepare(
      `INSERT INTO wx_refund_faults (out_trade_no, outcome, settle_delay_ms, create_errors, create_error_recorded, next_notify)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(out_trade_no) DO UPDATE SET outcome = excluded.outcome, settle_delay_ms = excluded.settle_delay_ms,
         create_errors = excluded.create_errors, create_error_recorded = excluded.create_error_recorded,
         next_notify = excluded.next_notify`,
    )
    .run(outTradeNo, next.outcome, next.settleDelayMs, next.createErrors, next.createErrorRecorded ? 1 : 0, next.nextNotify);
  return next;
}

/** Takes one armed create error, atomically; null when none is armed. */
export function takeCreateError(outTradeNo: string): { recorded: boolean } | null {
  return db().transaction(() => {
    const f = getRefundFault(outTradeNo);
    if (f.createErrors <= 0) return null;
    setRefundFault(outTradeNo, { createErrors: f.createErrors - 1 });
    return { recorded: f.createErrorRecorded };
  })();
}

/** Reads and clears the one-shot refund notify fault. */
export function takeRefundNotifyFault(outTradeNo: string): NotifyFault {
  return db().transaction(() => {
    const f = getRefundFault(outTradeNo);
    if (f.nextNotify !== "none") setRefundFault(outTradeNo, { nextNotify: "none" });
    return f.nextNotify;
  })();
}
