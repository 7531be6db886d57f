// The dashboard's figures: revenue and paid orders for today / 7 / 30 Beijing days, by method and
// by form, the success rate, 30 days of daily revenue, and the orders an admin must look at.
// Two grouped queries over the last 30 days; the windows are folded from their rows here.
import { getDb } from "@/db/client";
import { createdGroups, formTitles, ordersNeedingAttention, paidGroups } from "@/db/queries/dashboard";
import { fullRefundOffers, refundGroups } from "@/db/queries/refunds";
import { daysWithOpenDifferences } from "@/db/queries/reconciliation";
import type { ProviderId } from "@/db/schema";
import { beijingDate, beijingDayNumber, DAY_MS, startOfBeijingDay } from "./orders-dates";

export const WINDOWS = [
  { key: "today", label: "今天", days: 1 },
  { key: "7d", label: "近 7 天", days: 7 },
  { key: "30d", label: "近 30 天", days: 30 },
] as const;

const CHART_DAYS = 30;
const ATTENTION_LIMIT = 20;

interface Totals {
  paidCount: number;
  revenueFen: number;
  refundedFen: number;
}
const zero = (): Totals => ({ paidCount: 0, revenueFen: 0, refundedFen: 0 });
const add = (into: Totals, row: Totals) => {
  into.paidCount += row.paidCount;
  into.revenueFen += row.revenueFen;
  into.refundedFen += row.refundedFen;
};
function bucket<K>(map: Map<K, Totals>, key: K): Totals {
  let totals = map.get(key);
  if (!totals) map.set(key, (totals = zero()));
  return totals;
}

export async function dashboardData(nowMs = Date.now()) {
  const db = getDb();
  const today = startOfBeijingDay(nowMs);
  const oldestFrom = today - (Math.max(CHART_DAYS, ...WINDOWS.map((w) => w.days)) - 1) * DAY_MS;
  const [paidRows, createdRows, attentionRows, refundRows] = await Promise.all([
    paidGroups(db, oldestFrom),
    createdGroups(db, oldestFrom),
    ordersNeedingAttention(db, ATTENTION_LIMIT),
    refundGroups(db, oldestFrom),
  ]);
  // Refunds count on the day they succeeded (when the money went back), not the day it was paid.
  const paid = [
    ...paidRows.map((r) => ({ ...r, day: Number(r.day), refundedFen: 0 })),
    ...refundRows.map((r) => ({ ...r, day: Number(r.day), paidCount: 0, revenueFen: 0 })),
  ];
  const created = createdRows.map((r) => ({ ...r, day: Number(r.day) }));
  const titles = await formTitles(db, [...new Set(paid.map((r) => r.formId))]);

  const windows = WINDOWS.map((w) => {
    const fromMs = today - (w.days - 1) * DAY_MS;
    const firstDay = beijingDayNumber(fromMs);
    const total = zero();
    const byMethod = new Map<ProviderId, Totals>();
    const byForm = new Map<number, Totals>();
    for (const row of paid.filter((r) => r.day >= firstDay)) {
      add(total, row);
      add(bucket(byMethod, row.provider), row);
      add(bucket(byForm, row.formId), row);
    }
    const opened = created.filter((r) => r.day >= firstDay);
    const createdCount = opened.reduce((sum, r) => sum + r.created, 0);
    const paidOfCreated = opened.reduce((sum, r) => sum + r.paid, 0);
    return {
      key: w.key,
      label: w.label,
      from: beijingDate(fromMs),
      ...total,
      netFen: total.revenueFen - total.refundedFen,
      createdCount,
      paidOfCreated,
      /** paid / created over orders created in the window; null when none were created. */
      successRate: createdCount === 0 ? null : paidOfCreated / createdCount,
      byMethod: [...byMethod].map(([provider, t]) => ({ provider, ...t })).sort((a, b) => b.revenueFen - a.revenueFen),
      byForm: [...byForm]
        .map(([formId, t]) => ({ formId, title: titles.get(formId) ?? `表单 #${formId}`, ...t }))
        .sort((a, b) => b.revenueFen - a.revenueFen),
    };
  });

  const chartFrom = today - (CHART_DAYS - 1) * DAY_MS;
  const daily = Array.from({ length: CHART_DAYS }, (_, i) => {
    const dayStart = chartFrom + i * DAY_MS;
    const totals = zero();
    for (const row of paid) if (row.day === beijingDayNumber(dayStart)) add(totals, row);
    return { date: beijingDate(dayStart), revenueFen: totals.revenueFen, paidCount: totals.paidCount };
  });

  // Late and duplicate payments are offered a full refund in one step.
  const offers = await fullRefundOffers(db, attentionRows.map((o) => o.orderNo));
  const attention = attentionRows.map((o) => ({ ...o, createdAt: new Date(o.createdAt).toISOString(), offerFullRefund: offers.has(o.orderNo) }));
  // Reconciled days with differences nobody has handled yet.
  const reconciliation = await daysWithOpenDifferences(db, ATTENTION_LIMIT);
  return { generatedAt: new Date(nowMs).toISOString(), windows, daily, attention, reconciliation };
}
export type DashboardData = Awaited<ReturnType<typeof dashboardData>>;
