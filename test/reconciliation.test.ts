// Reconciliation end to end through the real routes, adapters and emulator, for both platforms:
// a day with payments, a partial refund, a lost notify on an order that then expired
// (missing_local → 以平台为准 → paid, flagged late), a payment left out of the bill (missing_platform)
// and an amount planted different (amount_mismatch); re-runs keep resolutions; a bill not yet
// generated is 账单未生成; the daily job; the API's refusals; the xlsx export read back.
import ExcelJS from "exceljs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_ANSWERS, runJobsOnce, startHarness, waitFor, type Harness } from "./harness";
import { signInAsAdmin } from "./admin";

let h: Harness;
let admin: Record<string, string>;
let wechatEmu: typeof import("@/lib/emulator/wechat");
let alipayEmu: typeof import("@/lib/emulator/alipay");
let db: typeof import("@/db/client");
let orders: typeof import("@/db/queries/orders");

const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  h = await startHarness();
  admin = (await signInAsAdmin(h)).headers;
  wechatEmu = await import("@/lib/emulator/wechat");
  alipayEmu = await import("@/lib/emulator/alipay");
  db = await import("@/db/client");
  orders = await import("@/db/queries/orders");
});
afterAll(() => h.close());

type Provider = "wechat" | "alipay";

interface DayAnswer {
  id: number;
  provider: Provider;
  date: string;
  status: string;
  statusText: string;
  message: string | null;
  totals: { bill: { count: number; paymentFen: number; refundFen: number; feeFen: number; netFen: number }; ours: { count: number; paymentFen: number; refundFen: number } };
  differences: {
    id: number;
    kind: string;
    orderNo: string;
    platformTradeNo?: string;
    refundNo?: string;
    ourAmountFen?: number;
    platformAmountFen?: number;
    resolved: boolean;
    resolution: string | null;
    resolutionNote: string | null;
    resolvedByName: string | null;
  }[];
}

const send = (method: string, url: string, body?: unknown, headers: Record<string, string> = admin) =>
  h.fetch(url, { method, headers: { ...headers, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });

async function runDay(provider: Provider, date = today): Promise<DayAnswer> {
  const res = await send("POST", "/api/admin/reconciliation", { provider, date });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

async function resolve(differenceId: number, body: unknown): Promise<Response> {
  return send("POST", `/api/admin/reconciliation/differences/${differenceId}/resolve`, body);
}

const order = async (orderNo: string) => (await orders.getOrderByNo(db.getDb(), orderNo))!;

/** What each platform's emulator offers the test: pay (notify lost or not), plant, make today's bill ready. */
const platforms = {
  wechat: {
    async pay(orderNo: string, _codeUrl: string, options: { dropNotify?: boolean; late?: boolean } = {}) {
      if (options.dropNotify) wechatEmu.setWechatFault(orderNo, { notify: "drop" });
      wechatEmu.payWechatTrade(orderNo, { late: options.late });
    },
    omit: (orderNo: string) => wechatEmu.applyWechatBillControl({ action: "omit_from_bill", outTradeNo: orderNo }),
    plantAmount: (orderNo: string, amountFen: number) => wechatEmu.applyWechatBillControl({ action: "change_bill_amount", outTradeNo: orderNo, amountFen }),
    billReady: (ready: boolean) => wechatEmu.applyWechatBillControl({ action: "set_bill_day", date: today, availability: ready ? "ready" : "creating" }),
  },
  alipay: {
    async pay(orderNo: string, payUrl: string, options: { dropNotify?: boolean; late?: boolean } = {}) {
      if (!alipayEmu.getAlipayTrade(orderNo)) await alipayEmu.openCashier(payUrl);
      if (options.dropNotify) alipayEmu.setAlipayFault(orderNo, { nextNotify: "drop" });
      alipayEmu.payAlipayTrade(orderNo, { late: options.late });
    },
    omit: (orderNo: string) => alipayEmu.setAlipayBillPlant(orderNo, { omit: true }),
    plantAmount: (orderNo: string, amountFen: number) => alipayEmu.setAlipayBillPlant(orderNo, { amountFen }),
    billReady: (ready: boolean) => alipayEmu.setAlipayBillSettings({ includeToday: ready }),
  },
};

async function createOrder(provider: Provider): Promise<{ orderNo: string; amountFen: number; link: string }> {
  const res = await h.postJson("/api/payment/orders", { formSlug: "demo", answers: DEMO_ANSWERS, provider });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { orderNo: string; amountFen: number; codeUrl?: string; payUrl?: string };
  return { orderNo: body.orderNo, amountFen: body.amountFen, link: body.codeUrl ?? body.payUrl ?? "" };
}

async function paidOrder(provider: Provider): Promise<string> {
  const created = await createOrder(provider);
  await platforms[provider].pay(created.orderNo, created.link);
  await waitFor(`${created.orderNo} paid`, async () => (await order(created.orderNo)).status === "paid");
  return created.orderNo;
}

/** An order whose notify was lost and which then expired here (closed at the platform first), paid late at the platform. */
async function lostNotifyExpiredOrder(provider: Provider): Promise<string> {
  const created = await createOrder(provider);
  if (provider === "alipay") await alipayEmu.openCashier(created.link);
  await db.rawRows(db.getDb(), sql`UPDATE payment_orders SET expires_at = ${Date.now() - 1000} WHERE order_no = ${created.orderNo}`);
  const { checkAtPlatform } = await import("@/lib/payments/refresh-order");
  await checkAtPlatform(await order(created.orderNo));
  expect((await order(created.orderNo)).status).toBe("closed");
  await platforms[provider].pay(created.orderNo, created.link, { dropNotify: true, late: true });
  return created.orderNo;
}

async function refundPart(orderNo: string, amountFen: number): Promise<string> {
  const res = await send("POST", `/api/admin/orders/${orderNo}/refunds`, { amountFen, reason: "部分退款" });
  expect(res.status, await res.clone().text()).toBe(201);
  const { refundNo } = (await res.json()) as { refundNo: string };
  const { getRefundByNo } = await import("@/db/queries/refunds");
  await waitFor(`refund ${refundNo} succeeded`, async () => {
    if ((await getRefundByNo(db.getDb(), refundNo))?.status === "succeeded") return true;
    await runJobsOnce();
    return false;
  }, 15_000);
  return refundNo;
}

const kinds = (day: DayAnswer) => day.differences.map((d) => `${d.kind} ${d.orderNo}`).sort();

describe.each(["wechat", "alipay"] as const)("%s: a day reconciled", (provider) => {
  const emu = () => platforms[provider];
  const no = { paid: "", refunded: "", lost: "", omitted: "", planted: "" };
  let refundNo = "";
  let day: DayAnswer;

  beforeAll(async () => {
    no.paid = await paidOrder(provider);
    no.refunded = await paidOrder(provider);
    refundNo = await refundPart(no.refunded, 1000);
    no.lost = await lostNotifyExpiredOrder(provider);
    no.omitted = await paidOrder(provider);
    emu().omit(no.omitted);
    no.planted = await paidOrder(provider);
    emu().plantAmount(no.planted, 4999);
  });

  test("a bill not generated yet: 账单未生成, asked again later", async () => {
    emu().billReady(false);
    const notReady = await runDay(provider);
    expect(notReady).toMatchObject({ provider, date: today, status: "bill_not_ready", statusText: "账单未生成", differences: [] });
    expect(notReady.message).toBeTruthy();
  });

  test("the differences: missing_local, missing_platform, amount_mismatch; the refund matches", async () => {
    emu().billReady(true);
    day = await runDay(provider);
    expect(day.status).toBe("differences");
    expect(day.statusText).toBe("有差异");
    expect(kinds(day)).toEqual([`amount_mismatch ${no.planted}`, `missing_local ${no.lost}`, `missing_platform ${no.omitted}`].sort());
    const mismatch = day.differences.find((d) => d.kind === "amount_mismatch")!;
    expect(mismatch).toMatchObject({ ourAmountFen: 5000, platformAmountFen: 4999 });
    expect(day.differences.find((d) => d.kind === "missing_local")).toMatchObject({ platformAmountFen: 5000, platformTradeNo: expect.any(String) });
    // Ours: four paid orders and the refund; the bill: four payments (one planted) and the refund.
    expect(day.totals.ours).toEqual({ count: 5, paymentFen: 20_000, refundFen: 1000 });
    expect(day.totals.bill).toMatchObject({ count: 5, paymentFen: 5000 * 3 + 4999, refundFen: 1000 });
    expect(day.totals.bill.netFen).toBe(day.totals.bill.paymentFen - day.totals.bill.refundFen - day.totals.bill.feeFen);
    expect(day.differences.some((d) => d.refundNo === refundNo)).toBe(false);
  });

  test("以平台为准 is only for missing_local; a note is required to mark handled", async () => {
    const mismatch = day.differences.find((d) => d.kind === "amount_mismatch")!;
    expect((await resolve(mismatch.id, { action: "platform" })).status).toBe(422);
    expect((await resolve(mismatch.id, { action: "handled", note: "  " })).status).toBe(422);
    expect((await resolve(mismatch.id, { action: "nope" })).status).toBe(422);
  });

  test("以平台为准 queries the platform: the order turns paid, flagged late; the difference is resolved", async () => {
    const missing = day.differences.find((d) => d.kind === "missing_local")!;
    const res = await resolve(missing.id, { action: "platform" });
    expect(res.status, await res.clone().text()).toBe(200);
    const after = (await res.json()) as DayAnswer;
    expect(after.differences.find((d) => d.id === missing.id)).toMatchObject({ resolved: true, resolution: "platform_applied", resolvedByName: "admin" });
    expect(await order(no.lost)).toMatchObject({ status: "paid", latePayment: true, hasAnomaly: true });
    expect((await resolve(missing.id, { action: "handled", note: "再来一次" })).status).toBe(409);
  });

  test("a re-run keeps the resolutions of differences that remain, and drops those gone", async () => {
    const omitted = day.differences.find((d) => d.kind === "missing_platform")!;
    const handled = await resolve(omitted.id, { action: "handled", note: "平台漏单，已联系客服" });
    expect(handled.status).toBe(200);

    const rerun = await runDay(provider);
    // The late-applied order now matches the bill; the two others remain, one still resolved.
    expect(kinds(rerun)).toEqual([`amount_mismatch ${no.planted}`, `missing_platform ${no.omitted}`].sort());
    expect(rerun.differences.find((d) => d.kind === "missing_platform")).toMatchObject({
      resolved: true,
      resolution: "handled",
      resolutionNote: "平台漏单，已联系客服",
      resolvedByName: "admin",
    });
    expect(rerun.totals.ours).toEqual({ count: 6, paymentFen: 25_000, refundFen: 1000 });
    expect(rerun.status).toBe("differences");

    const mismatch = rerun.differences.find((d) => d.kind === "amount_mismatch")!;
    const last = (await (await resolve(mismatch.id, { action: "handled", note: "平台金额有误" })).json()) as DayAnswer;
    expect(last.status).toBe("balanced");
    expect(last.statusText).toBe("已平");
    const again = await runDay(provider);
    expect(again.status).toBe("balanced");
    expect(again.differences.every((d) => d.resolved)).toBe(true);
  });

  test("the list shows the day with bill totals beside ours; one day reads back", async () => {
    const list = (await (await send("GET", `/api/admin/reconciliation?provider=${provider}`)).json()) as { days: (DayAnswer & { differenceCount: number; openDifferenceCount: number })[] };
    const listed = list.days.find((d) => d.date === today)!;
    expect(listed).toMatchObject({ status: "balanced", differenceCount: 2, openDifferenceCount: 0 });
    expect(listed.totals.bill).toMatchObject({ count: 5, paymentFen: 19_999, refundFen: 1000 });
    expect(listed.totals.ours).toEqual({ count: 6, paymentFen: 25_000, refundFen: 1000 });
    const one = (await (await send("GET", `/api/admin/reconciliation/days/${listed.id}`)).json()) as DayAnswer;
    expect(one.differences).toHaveLength(2);
  });

  test("the day as xlsx, read back with ExcelJS: long numbers are text; and as CSV for Excel", async () => {
    const list = (await (await send("GET", `/api/admin/reconciliation?provider=${provider}`)).json()) as { days: DayAnswer[] };
    const id = list.days.find((d) => d.date === today)!.id;
    const res = await send("GET", `/api/admin/reconciliation/days/${id}/export?format=xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet("差异")!;
    expect(sheet.getRow(1).getCell(1).value).toBe("差异类型");
    const rows = [2, 3].map((r) => sheet.getRow(r));
    const orderNos = rows.map((r) => r.getCell(2).value);
    expect(orderNos.sort()).toEqual([no.omitted, no.planted].sort());
    for (const r of rows) {
      expect(typeof r.getCell(2).value).toBe("string");
      if (r.getCell(3).value !== null) expect(typeof r.getCell(3).value).toBe("string");
    }
    const planted = rows.find((r) => r.getCell(2).value === no.planted)!;
    expect(planted.getCell(5).value).toBe(50);
    expect(planted.getCell(6).value).toBe(49.99);
    expect(planted.getCell(7).value).toBe("已标记处理");
    const summary = book.getWorksheet("汇总")!;
    expect(summary.getRow(2).values).toEqual([undefined, "收款", 199.99, 250]);

    const csv = await send("GET", `/api/admin/reconciliation/days/${id}/export?format=csv`);
    expect(csv.status).toBe(200);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(text).toContain("\r\n");
    expect(text).toContain(no.planted);
  });
});

describe("a no-trades day with our own paid orders", () => {
  test("each is missing_platform", async () => {
    // Two days ago the emulator has no trades; an order of ours says it was paid then.
    const twoDaysAgo = new Date(Date.now() + 8 * 3600_000 - 2 * 86_400_000).toISOString().slice(0, 10);
    const orderNo = await paidOrder("wechat");
    const paidAt = Date.parse(`${twoDaysAgo}T12:00:00+08:00`);
    await db.rawRows(db.getDb(), sql`UPDATE payment_orders SET paid_at = ${paidAt} WHERE order_no = ${orderNo}`);
    const day = await runDay("wechat", twoDaysAgo);
    expect(day.status).toBe("differences");
    expect(kinds(day)).toEqual([`missing_platform ${orderNo}`]);
  });
});

describe("the API refuses", () => {
  test("401 without a session", async () => {
    expect((await h.postJson("/api/admin/reconciliation", { provider: "wechat", date: today })).status).toBe(401);
    expect((await h.fetch("/api/admin/reconciliation")).status).toBe(401);
  });

  test("403 without the CSRF token, and for a 查看者", async () => {
    const { cookie } = await signInAsAdmin(h);
    expect((await send("POST", "/api/admin/reconciliation", { provider: "wechat", date: today }, { cookie })).status).toBe(403);
    const created = await send("POST", "/api/admin/admins", { username: "viewer-rec", password: "viewer-password-1", role: "viewer" });
    expect(created.status).toBe(201);
    const login = await h.postJson("/api/admin/login", { username: "viewer-rec", password: "viewer-password-1" });
    const viewer = { cookie: (login.headers.get("set-cookie") ?? "").split(";")[0], "x-csrf-token": ((await login.json()) as { csrfToken: string }).csrfToken };
    expect((await send("POST", "/api/admin/reconciliation", { provider: "wechat", date: today }, viewer)).status).toBe(403);
    expect((await send("GET", "/api/admin/reconciliation", undefined, viewer)).status).toBe(200);
  });

  test.each([
    ["an unknown provider", { provider: "paypal", date: today }, "provider"],
    ["a date that does not exist", { provider: "wechat", date: "2026-02-30" }, "date"],
    ["no date", { provider: "wechat" }, "date"],
    ["an account that does not exist", { provider: "wechat", date: today, accountId: 999 }, "accountId"],
  ])("422 for %s", async (_label, body, field) => {
    const res = await send("POST", "/api/admin/reconciliation", body);
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: { message: string; details: { field: string }[] } };
    expect(error.details.map((d) => d.field)).toContain(field);
    expect(error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  test("404 for a day or difference that does not exist", async () => {
    expect((await send("GET", "/api/admin/reconciliation/days/999999")).status).toBe(404);
    expect((await resolve(999999, { action: "handled", note: "x" })).status).toBe(404);
  });
});

describe("the daily job", () => {
  test("after 10:00 Beijing the next day it reconciles yesterday; a bill not ready is asked again on a later round", async () => {
    const { getDay } = await import("@/db/queries/reconciliation");
    const tomorrow1030 = Date.parse(`${today}T10:30:00+08:00`) + 86_400_000;
    // A day never reconciled: forget what the tests above stored for today.
    await db.rawRows(db.getDb(), sql`DELETE FROM reconciliation_differences WHERE day_id IN (SELECT id FROM reconciliation_days WHERE bill_date = ${today})`);
    await db.rawRows(db.getDb(), sql`DELETE FROM reconciliation_days WHERE bill_date = ${today}`);
    platforms.wechat.billReady(false);
    const statusAfterRounds = async (at: number, wanted: string) => {
      // The scheduler enqueues the day's jobs in one pass, they run in a later one (after other due jobs).
      for (let pass = 0; pass < 10; pass += 1) {
        await runJobsOnce(at);
        const status = (await getDay(db.getDb(), { provider: "wechat", accountRef: "env", billDate: today }))?.status;
        if (status === wanted) return status;
      }
      return (await getDay(db.getDb(), { provider: "wechat", accountRef: "env", billDate: today }))?.status;
    };
    expect(await statusAfterRounds(tomorrow1030, "bill_not_ready")).toBe("bill_not_ready");

    platforms.wechat.billReady(true);
    const nextRound = tomorrow1030 + 15 * 60_000;
    expect(await statusAfterRounds(nextRound, "differences")).toBe("differences");

    // The dashboard's attention list names the day with open differences (the two planted, and the
    // order the no-trades test moved to another day, which the platform has today).
    const { dashboardData } = await import("@/lib/admin/dashboard");
    expect((await dashboardData()).reconciliation).toContainEqual(expect.objectContaining({ provider: "wechat", accountRef: "env", billDate: today, open: 3 }));
  });

  test("before 10:00 nothing is due", async () => {
    const { dayDueAt } = await import("@/lib/reconciliation/jobs");
    expect(dayDueAt(Date.parse("2026-03-02T09:59:00+08:00"))).toBeNull();
    expect(dayDueAt(Date.parse("2026-03-02T10:00:00+08:00"))).toBe("2026-03-01");
  });
});
