// Dashboard figures for a handful of paid and pending orders around Beijing day boundaries.
import { afterAll, beforeAll, expect, test } from "vitest";
import { startHarness, type Harness } from "./harness";
import { signInAsAdmin } from "./admin";

let h: Harness;
let auth: Record<string, string>;
beforeAll(async () => {
  h = await startHarness();
  auth = (await signInAsAdmin(h)).headers;
});
afterAll(() => h.close());

const { makePendingOrder } = await import("./fixtures");
const { getDb } = await import("@/db/client");
const { getFormBySlug, insertForm } = await import("@/db/queries/forms");
const { dashboardData } = await import("@/lib/admin/dashboard");

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// 12:00 on 15 March 2026 in Beijing; that day began at 16:00 UTC on the 14th.
const NOW = Date.UTC(2026, 2, 15, 4);
const TODAY = Date.UTC(2026, 2, 14, 16);

function paid(amountFen: number, paidAt: number, extra: Parameters<typeof makePendingOrder>[0] = {}) {
  return makePendingOrder({ status: "paid", amountFen, paidAt, createdAt: paidAt - 60_000, platformTradeNo: `T${paidAt}${amountFen}`, ...extra });
}

test("revenue, counts, success rate, daily bars and attention list", async () => {
  const demo = (await getFormBySlug(getDb(), "demo"))!;
  const other = await insertForm(getDb(), { ...demo, id: undefined, slug: "dash-other", title: "另一个表单", createdAt: 1, updatedAt: 1 });

  await paid(5000, NOW - HOUR); // today, wechat
  await paid(1230, NOW - 2 * HOUR, { provider: "alipay", channel: "page" }); // today, alipay
  await paid(700, TODAY - 60_000, { formId: other.id }); // 23:59 yesterday: 7 days, not today
  await paid(10000, NOW - 3 * DAY); // 7 days
  await paid(99, NOW - 20 * DAY, { provider: "alipay", channel: "page" }); // 30 days
  await paid(88888, NOW - 40 * DAY); // outside every window
  await makePendingOrder({ createdAt: NOW - 30 * 60_000 }); // created today, not paid
  await makePendingOrder({ createdAt: NOW - 10 * 60_000 });
  const late = await paid(321, NOW - 4 * DAY, { status: "paid", latePayment: true, hasAnomaly: true });

  const d = await dashboardData(NOW);
  const [today, week, month] = d.windows;
  expect(today).toMatchObject({ key: "today", from: "2026-03-15", revenueFen: 6230, paidCount: 2, createdCount: 4, paidOfCreated: 2, successRate: 0.5 });
  expect(week).toMatchObject({ from: "2026-03-09", revenueFen: 6230 + 700 + 10000 + 321, paidCount: 5 });
  expect(month).toMatchObject({ from: "2026-02-14", revenueFen: 6230 + 700 + 10000 + 321 + 99, paidCount: 6 });

  expect(today.byMethod).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ provider: "wechat", revenueFen: 5000, paidCount: 1 }),
      expect.objectContaining({ provider: "alipay", revenueFen: 1230, paidCount: 1 }),
    ]),
  );
  expect(week.byForm).toEqual([
    expect.objectContaining({ formId: demo.id, revenueFen: 16551, paidCount: 4 }),
    expect.objectContaining({ formId: other.id, title: "另一个表单", revenueFen: 700, paidCount: 1 }),
  ]);

  expect(d.daily).toHaveLength(30);
  expect(d.daily.at(-1)).toEqual({ date: "2026-03-15", revenueFen: 6230, paidCount: 2 });
  expect(d.daily.at(-2)).toEqual({ date: "2026-03-14", revenueFen: 700, paidCount: 1 });
  expect(d.daily.reduce((sum, day) => sum + day.revenueFen, 0)).toBe(month.revenueFen);

  expect(d.attention.map((o) => o.orderNo)).toEqual([late.orderNo]);

  const res = await h.fetch("/api/admin/dashboard", { headers: auth });
  expect(res.status).toBe(200);
  expect((await res.json()).windows.map((w: { key: string }) => w.key)).toEqual(["today", "7d", "30d"]);
});

test("an empty window has no success rate rather than 0%", async () => {
  const d = await dashboardData(Date.UTC(2030, 0, 1));
  expect(d.windows[0]).toMatchObject({ createdCount: 0, successRate: null, revenueFen: 0 });
});
