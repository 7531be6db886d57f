// Reconciling one Beijing day of one receiving account: download the platform's bill (outside any
// transaction), read our orders paid and refunds succeeded that day, match, store. The platform's
// refusals of the day are statuses; a failed download is stored as 对账失败 and thrown.
import { getDb } from "@/db/client";
import { ordersPaidBetween, refundsSucceededBetween } from "@/db/queries/reconciliation";
import { beijingDayStartMs, DAY_MS } from "@/lib/admin/orders-dates";
import { AppError } from "@/lib/errors";
import { providerFor } from "@/lib/payments/providers";
import { PaymentPlatformError, type BillResult, type ProviderId } from "@/lib/payments/types";
import { matchDay } from "./match";
import { storeMatchedDay, storeUnmatchedDay } from "./store";
import { dayView, type DayView } from "./views";

export interface DayToReconcile {
  provider: ProviderId;
  accountRef: string;
  /** YYYY-MM-DD, Beijing time. */
  date: string;
}

function malformedMessage(bill: Extract<BillResult, { status: "ready" }>): string | null {
  if (!bill.malformed.length) return null;
  const first = bill.malformed.slice(0, 3).map((m) => `第 ${m.line} 行：${m.issue}`).join("；");
  return `账单有 ${bill.malformed.length} 行无法解析（${first}${bill.malformed.length > 3 ? "…" : ""}），这些行未参与核对`;
}

export async function reconcileDay(day: DayToReconcile, now = Date.now()): Promise<DayView> {
  const startMs = beijingDayStartMs(day.date);
  if (startMs === null) throw new AppError("unprocessable_entity", "日期不正确", [{ field: "date", issue: "须为 YYYY-MM-DD 格式的真实日期" }]);
  const key = { provider: day.provider, accountRef: day.accountRef, billDate: day.date };

  const provider = await providerFor(day.provider, day.accountRef);
  let bill: BillResult;
  try {
    bill = await provider.downloadBill(day.date);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await storeUnmatchedDay(key, "failed", `下载账单失败：${message}`, now);
    const rejected = error instanceof PaymentPlatformError && error.kind === "rejected";
    throw new AppError(rejected ? "payment_platform_error" : "payment_platform_unavailable", `下载账单失败：${message}`);
  }

  if (bill.status === "not_ready" || bill.status === "unavailable") {
    const row = await storeUnmatchedDay(key, bill.status === "not_ready" ? "bill_not_ready" : "unavailable", bill.message, now);
    return dayView(row);
  }

  const scope = { provider: day.provider, accountRef: day.accountRef, startMs, endMs: startMs + DAY_MS };
  const db = getDb();
  const [payments, refunds] = await Promise.all([ordersPaidBetween(db, scope), refundsSucceededBetween(db, scope)]);
  const lines = bill.status === "ready" ? bill.lines : [];
  const { ours, differences } = matchDay(lines, payments, refunds);
  const row = await storeMatchedDay(
    key,
    { bill: bill.status === "ready" ? bill.totals : null, ours, differences, message: bill.status === "ready" ? malformedMessage(bill) : bill.message },
    now,
  );
  return dayView(row);
}
