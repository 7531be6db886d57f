// What the admin API and pages show of stored days: totals side by side, differences with their
// resolutions, and Chinese words next to every code.
import { getDb } from "@/db/client";
import { differenceCounts, differencesOfDay, getDayById, listDays, type DayListFilter, type DifferenceRow, type ReconciliationDayRow } from "@/db/queries/reconciliation";
import { AppError } from "@/lib/errors";
import { methodName } from "@/lib/payments/providers";
import { accountNames } from "./accounts";
import { DAY_STATUS_LABEL, DIFFERENCE_LABEL, RESOLUTION_LABEL } from "./labels";

export function differenceView(d: DifferenceRow) {
  return {
    id: d.id,
    kind: d.kind,
    kindText: DIFFERENCE_LABEL[d.kind],
    orderNo: d.orderNo,
    ...(d.platformTradeNo !== null ? { platformTradeNo: d.platformTradeNo } : {}),
    ...(d.refundNo !== null ? { refundNo: d.refundNo } : {}),
    ...(d.ourAmountFen !== null ? { ourAmountFen: d.ourAmountFen } : {}),
    ...(d.platformAmountFen !== null ? { platformAmountFen: d.platformAmountFen } : {}),
    resolved: d.resolvedAt !== null,
    resolution: d.resolution,
    resolutionText: d.resolution ? (RESOLUTION_LABEL[d.resolution] ?? "已处理") : null,
    resolutionNote: d.resolutionNote,
    resolvedByName: d.resolvedByName,
    resolvedAt: d.resolvedAt === null ? null : new Date(d.resolvedAt).toISOString(),
  };
}
export type DifferenceView = ReturnType<typeof differenceView>;

const nameOf = (names: Map<string, string>, row: ReconciliationDayRow) => names.get(`${row.provider}:${row.accountRef}`) ?? `账户 #${row.accountRef}`;

function daySummary(row: ReconciliationDayRow, accountName: string) {
  return {
    id: row.id,
    provider: row.provider,
    providerText: methodName(row.provider),
    accountRef: row.accountRef,
    accountId: row.accountRef === "env" ? null : Number(row.accountRef),
    accountName,
    date: row.billDate,
    status: row.status,
    statusText: DAY_STATUS_LABEL[row.status],
    message: row.message,
    ranAt: row.ranAt === null ? null : new Date(row.ranAt).toISOString(),
    totals: {
      bill: { count: row.billCount, paymentFen: row.billPaymentFen, refundFen: row.billRefundFen, feeFen: row.billFeeFen, netFen: row.billNetFen },
      ours: { count: row.ourCount, paymentFen: row.ourPaymentFen, refundFen: row.ourRefundFen },
    },
  };
}

export async function dayView(row: ReconciliationDayRow) {
  const names = await accountNames();
  const differences = await differencesOfDay(getDb(), row.id);
  return { ...daySummary(row, nameOf(names, row)), differences: differences.map(differenceView) };
}
export type DayView = Awaited<ReturnType<typeof dayView>>;

export async function dayViewById(id: number): Promise<DayView> {
  const row = await getDayById(getDb(), id);
  if (!row) throw new AppError("not_found", "没有这一天的对账结果");
  return dayView(row);
}

const LIST_LIMIT = 200;

export async function listDayViews(filter: DayListFilter) {
  const db = getDb();
  const rows = await listDays(db, filter, LIST_LIMIT);
  const [names, counts] = await Promise.all([accountNames(), differenceCounts(db, rows.map((r) => r.id))]);
  return rows.map((row) => ({
    ...daySummary(row, nameOf(names, row)),
    differenceCount: counts.get(row.id)?.total ?? 0,
    openDifferenceCount: counts.get(row.id)?.open ?? 0,
  }));
}
export type DayListItem = Awaited<ReturnType<typeof listDayViews>>[number];

/** Yesterday in Beijing: the day the run form offers first. */
export function defaultRunDate(nowMs = Date.now()): string {
  return new Date(nowMs + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
}
