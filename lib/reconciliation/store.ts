// Storing a day's result: the day's row and its differences in one transaction. Safe at READ
// COMMITTED with several processes: the day row is an upsert on its unique index, so a second run
// of the same day waits for the first's row lock and then replaces the whole result; differences
// are keyed by (day, differenceKey), so a resolution survives a re-run that finds it again.
import { getDb, transaction } from "@/db/client";
import { replaceDifferences, setDayStatus, unresolvedCount, upsertDay, type DayKey, type DayValues, type ReconciliationDayRow } from "@/db/queries/reconciliation";
import type { BillTotals } from "@/lib/payments/types";
import type { Difference, OurTotals } from "./match";

const NO_BILL: BillTotals = { count: 0, paymentFen: 0, refundFen: 0, feeFen: 0, netFen: 0 };

function totalsValues(bill: BillTotals, ours: OurTotals): Partial<DayValues> {
  return {
    billCount: bill.count,
    billPaymentFen: bill.paymentFen,
    billRefundFen: bill.refundFen,
    billFeeFen: bill.feeFen,
    billNetFen: bill.netFen,
    ourCount: ours.count,
    ourPaymentFen: ours.paymentFen,
    ourRefundFen: ours.refundFen,
  };
}

/** A matched day (bill ready, or the platform says no trades): totals, differences, and its status. */
export async function storeMatchedDay(
  key: DayKey,
  input: { bill: BillTotals | null; ours: OurTotals; differences: Difference[]; message: string | null },
  now = Date.now(),
): Promise<ReconciliationDayRow> {
  // Safe across processes: the day row is an upsert on its unique index (provider, account, date),
  // so two runs of one day write one row; the later run's differences replace the earlier's.
  return transaction(async (tx) => {
    const day = await upsertDay(tx, key, { status: "pending", message: input.message, ranAt: now, ...totalsValues(input.bill ?? NO_BILL, input.ours) }, now);
    await replaceDifferences(
      tx,
      day.id,
      input.differences.map((d) => ({
        differenceKey: d.key,
        kind: d.kind,
        orderNo: d.orderNo,
        platformTradeNo: d.platformTradeNo ?? null,
        refundNo: d.refundNo ?? null,
        ourAmountFen: d.ourAmountFen ?? null,
        platformAmountFen: d.platformAmountFen ?? null,
      })),
      now,
    );
    const open = await unresolvedCount(tx, day.id);
    const status = open > 0 ? "differences" : input.bill === null && input.ours.count === 0 ? "no_trades" : "balanced";
    await setDayStatus(tx, day.id, status, now);
    return { ...day, status };
  });
}

/** The platform gave no bill (not ready, out of range) or the download failed: the status and why; differences untouched. */
export async function storeUnmatchedDay(key: DayKey, status: "bill_not_ready" | "unavailable" | "failed", message: string, now = Date.now()): Promise<ReconciliationDayRow> {
  // One upsert on the day's unique index: nothing else to keep consistent.
  return upsertDay(getDb(), key, { status, message, ranAt: now }, now);
}
