// Refunds end to end: the admin API, the refund state machine, the refund job and refund notifies,
// through the real route handlers, adapters and both emulated platforms (no mocks).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { signInAsAdmin } from "./admin";
import { DEMO_ANSWERS, runJobsOnce, startHarness, waitFor, type Harness } from "./harness";

let h: Harness;
let admin: Awaited<ReturnType<typeof signInAsAdmin>>;
let wx: typeof import("@/lib/emulator/wechat");
let ali: typeof import("@/lib/emulator/alipay");
let db: typeof import("@/db/client");
let orders: typeof import("@/db/queries/orders");
let refunds: typeof import("@/db/queries/refunds");
let submissions: typeof import("@/db/queries/submissions");

beforeAll(async () => {
  h = await startHarness();
  wx = await import("@/lib/emulator/wechat");
  ali = await import("@/lib/emulator/alipay");
  db = await import("@/db/client");
  orders = await import("@/db/queries/orders");
  refunds = await import("@/db/queries/refunds");
  submissions = await import("@/db/queries/submissions");
  admin = await signInAsAdmin(h);
});
afterAll(() => h.close());

const order = async (orderNo: string) => (await orders.getOrderByNo(db.getDb(), orderNo))!;
const refundRow = async (refundNo: string) => (await refunds.getRefundByNo(db.getDb(), refundNo))!;
const events = async (orderNo: string) => orders.orderEventsOf(db.getDb(), (await order(orderNo)).id);

async function paidWechatOrder(): Promise<string> {
  const res = await h.postJson("/api/payment/orders", { formSlug: "demo", answers: DEMO_ANSWERS, provider: "wechat" });
  expect(res.status).toBe(201);
  const { orderNo } = (await res.json()) as { orderNo: string };
  wx.payWechatTrade(orderNo);
  await waitFor("the WeChat payment applied", async () => (await order(orderNo)).status === "paid");
  return orderNo;
}

async function paidAlipayOrder(): Promise<string> {
  const res = await h.postJson("/api/payment/orders", { formSlug: "demo", answers: DEMO_ANSWERS, provider: "alipay" });
  expect(res.status).toBe(201);
  const { orderNo, payUrl } = (await res.json()) as { orderNo: string; payUrl: string };
  await ali.openCashier(payUrl);
  ali.payAlipayTrade(orderNo);
  await waitFor("the Alipay payment applied", async () => (await order(orderNo)).status === "paid");
  return orderNo;
}

function askRefund(orderNo: string, body: unknown, headers: Record<string, string> = admin.headers) {
  return h.postJson(`/api/admin/orders/${orderNo}/refunds`, body, { ...headers, origin: h.baseUrl });
}

async function refundOk(orderNo: string, amountFen: number): Promise<{ refundNo: string; status: string; amountFen: number }> {
  const res = await askRefund(orderNo, { amountFen, reason: "活动取消" });
  expect(res.status).toBe(201);
  return res.json();
}

const succeeded = (refundNo: string) => waitFor(`refund ${refundNo} to succeed`, async () => (await refundRow(refundNo)).status === "succeeded");
const statusOf = async (orderNo: string) => (await (await h.fetch(`/api/payment/orders/${orderNo}`)).json()) as { status: string; refundedFen: number };
/** A job round as if `ms` from now: every refund check due by then runs. Each call takes a later
 * slot of the recurring job (a slot runs once), hence the growing offset. */
let rounds = 0;
const jobsLater = (ms: number) => runJobsOnce(Date.now() + ms + ++rounds * 3_600_000);
/** Job rounds (later each time) until the refund succeeds: a loaded machine may need a second round. */
async function roundsUntilSucceeded(refundNo: string): Promise<void> {
  for (let i = 0; i < 5 && (await refundRow(refundNo)).status !== "succeeded"; i++) {
    await jobsLater(60_000);
    await new Promise((r) => setTimeout(r, 300));
  }
  await succeeded(refundNo);
}

describe.each(["wechat", "alipay"] as const)("%s: partial then the rest", (provider) => {
  test("30 of 50, then the remaining 20; the order, the status endpoint and the submission follow", async () => {
    const orderNo = provider === "wechat" ? await paidWechatOrder() : await paidAlipayOrder();
    const first = await refundOk(orderNo, 3000);
    expect(first.refundNo).toMatch(/^R\d{24}$/);
    expect(first.amountFen).toBe(3000);
    await succeeded(first.refundNo);
    expect(await order(orderNo)).toMatchObject({ status: "partially_refunded", refundedFen: 3000, refundingFen: 0 });
    expect(await statusOf(orderNo)).toMatchObject({ status: "partially_refunded", refundedFen: 3000 });

    const over = await askRefund(orderNo, { amountFen: 2001, reason: "多退" });
    expect(over.status).toBe(409);
    expect(((await over.json()) as { error: { message: string } }).error.message).toContain("¥20.00");

    const rest = await refundOk(orderNo, 2000);
    await succeeded(rest.refundNo);
    const row = await order(orderNo);
    expect(row).toMatchObject({ status: "refunded", refundedFen: 5000, refundingFen: 0 });
    expect(await statusOf(orderNo)).toMatchObject({ status: "refunded", refundedFen: 5000 });
    expect((await submissions.getSubmission(db.getDb(), row.submissionId))!.paymentStatus).toBe("refunded");

    const atPlatform =
      provider === "wechat"
        ? wx.wechatRefundsOfTrade(orderNo).map((r) => [r.outRefundNo, r.refundFen])
        : ali.alipayRefundsOfTrade(row.platformTradeNo!).map((r) => [r.outRequestNo, r.refundFen]);
    expect(atPlatform).toEqual([
      [first.refundNo, 3000],
      [rest.refundNo, 2000],
    ]);
    const refundEvents = (await events(orderNo)).filter((e) => e.type === "refund" && e.message.startsWith("退款成功"));
    expect(refundEvents).toHaveLength(2);

    const none = await askRefund(orderNo, { amountFen: 1, reason: "再退" });
    expect(none.status).toBe(409);
    expect(((await none.json()) as { error: { message: string } }).error.message).toContain("已全额退款");
  });
});

describe("never more than was paid", () => {
  test("10 concurrent requests for the whole remainder: one refund at the platform, nine 409s", async () => {
    const orderNo = await paidWechatOrder();
    const answers = await Promise.all(Array.from({ length: 10 }, () => askRefund(orderNo, { amountFen: 5000, reason: "重复点击" })));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    const created = (await answers.find((r) => r.status === 201)!.json()) as { refundNo: string };
    await succeeded(created.refundNo);
    expect(wx.wechatRefundsOfTrade(orderNo)).toHaveLength(1);
    expect(await order(orderNo)).toMatchObject({ status: "refunded", refundedFen: 5000, refundingFen: 0 });
    expect(await refunds.refundsOfOrder(db.getDb(), (await order(orderNo)).id)).toHaveLength(1);
  });

  test("Alipay: concurrent partial refunds never exceed the amount paid", async () => {
    const orderNo = await paidAlipayOrder();
    const answers = await Promise.all(Array.from({ length: 6 }, () => askRefund(orderNo, { amountFen: 1000, reason: "并发" })));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(5);
    expect(answers.filter((r) => r.status === 409)).toHaveLength(1);
    const row = await order(orderNo);
    await waitFor("all refunds settled", async () => (await order(orderNo)).refundingFen === 0);
    expect(ali.alipayRefundsOfTrade(row.platformTradeNo!).reduce((sum, r) => sum + r.refundFen, 0)).toBe(5000);
    expect(await order(orderNo)).toMatchObject({ status: "refunded", refundedFen: 5000 });
  });
});

describe("lost answers and lost notifies", () => {
  test.each([
    ["recorded before the 500 (the answer was lost)", true],
    ["not recorded (the request was lost)", false],
  ])("WeChat 5xx on create, %s → the job retries with the same number; one refund at the platform", async (_label, recorded) => {
    const orderNo = await paidWechatOrder();
    wx.setWechatRefundFault(orderNo, { createErrors: 1, createErrorRecorded: recorded });
    const asked = await refundOk(orderNo, 5000);
    expect(asked.status).toBe("processing");
    expect(await order(orderNo)).toMatchObject({ status: "paid", refundingFen: 5000 });
    await roundsUntilSucceeded(asked.refundNo);
    const atPlatform = wx.wechatRefundsOfTrade(orderNo);
    expect(atPlatform.map((r) => r.outRefundNo)).toEqual([asked.refundNo]);
    expect(await order(orderNo)).toMatchObject({ status: "refunded", refundedFen: 5000, refundingFen: 0 });
  });

  test("Alipay 502 after the money moved → the job finds the refund under the same number", async () => {
    const orderNo = await paidAlipayOrder();
    ali.setAlipayRefundFault(orderNo, { createError: "http_502", createErrorTimes: 1 });
    ali.setAlipayFault(orderNo, { nextNotify: "drop" });
    const asked = await refundOk(orderNo, 2500);
    expect(asked.status).toBe("processing");
    await jobsLater(60_000);
    await succeeded(asked.refundNo);
    const row = await order(orderNo);
    expect(ali.alipayRefundsOfTrade(row.platformTradeNo!).map((r) => r.outRequestNo)).toEqual([asked.refundNo]);
    expect(row).toMatchObject({ status: "partially_refunded", refundedFen: 2500, refundingFen: 0 });
  });

  test("a lost WeChat refund notify: the job's query finds the success", async () => {
    const orderNo = await paidWechatOrder();
    wx.setWechatRefundFault(orderNo, { notify: "drop" });
    const asked = await refundOk(orderNo, 1200);
    await waitFor("the platform to settle", () => wx.wechatRefundsOfTrade(orderNo)[0]?.status === "SUCCESS");
    expect((await refundRow(asked.refundNo)).status).toBe("processing");
    await jobsLater(60_000);
    expect((await refundRow(asked.refundNo)).status).toBe("succeeded");
    expect(await order(orderNo)).toMatchObject({ status: "partially_refunded", refundedFen: 1200 });
  });

  test("WeChat ABNORMAL: the refund shows 退款异常 with what to do, and the amount is refundable again", async () => {
    const orderNo = await paidWechatOrder();
    wx.setWechatRefundFault(orderNo, { outcome: "ABNORMAL" });
    const asked = await refundOk(orderNo, 5000);
    await waitFor("the refund to go abnormal", async () => (await refundRow(asked.refundNo)).status === "abnormal");
    expect(await order(orderNo)).toMatchObject({ status: "paid", refundedFen: 0, refundingFen: 0, hasAnomaly: true });
    const panel = (await (await h.fetch(`/api/admin/orders/${orderNo}/refunds`, { headers: admin.headers })).json()) as {
      refundableFen: number;
      refunds: { statusText: string; advice: string }[];
    };
    expect(panel.refundableFen).toBe(5000);
    expect(panel.refunds[0].statusText).toBe("退款异常");
    expect(panel.refunds[0].advice).toContain("异常退款");
  });
});

describe("refund notifies", () => {
  test("a forged WeChat refund notify is refused and changes nothing", async () => {
    const orderNo = await paidWechatOrder();
    wx.setWechatRefundFault(orderNo, { outcome: "PROCESSING" });
    const asked = await refundOk(orderNo, 3000);
    wx.setWechatRefundFault(orderNo, { notify: "drop" });
    const { notify } = wx.settleWechatRefund(asked.refundNo, "SUCCESS");
    // The platform's genuine body, under headers signed over another body: the signature fails.
    const headers = wx.buildWechatTestNotify({ outTradeNo: orderNo }).headers;
    const res = await h.fetch("/api/payment/wechat/notify", { method: "POST", headers, body: notify.body });
    expect(res.status).toBe(401);
    expect((await refundRow(asked.refundNo)).status).toBe("processing");
    expect(await order(orderNo)).toMatchObject({ status: "paid", refundedFen: 0, refundingFen: 3000 });
    // The genuine delivery then applies it.
    await wx.redeliverWechatRefundNotifies(asked.refundNo);
    await succeeded(asked.refundNo);
  });

  test("a forged Alipay refund notify is refused and changes nothing", async () => {
    const orderNo = await paidAlipayOrder();
    ali.setAlipayFault(orderNo, { nextNotify: "drop" });
    const asked = await refundOk(orderNo, 1000);
    await succeeded(asked.refundNo);
    const before = await order(orderNo);
    const body = ali.buildAlipayTestNotify({ outTradeNo: orderNo }).body;
    const forged = new URLSearchParams(body);
    forged.set("refund_fee", "50.00");
    forged.set("out_biz_no", asked.refundNo);
    const res = await h.fetch("/api/payment/alipay/notify", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded; charset=utf-8" },
      body: forged.toString(),
    });
    expect(await res.text()).toBe("fail");
    expect(await order(orderNo)).toMatchObject({ status: before.status, refundedFen: 1000, paidAt: before.paidAt });
  });

  test("Alipay partial-refund notify: the refunded amount is right and it is no new payment", async () => {
    const orderNo = await paidAlipayOrder();
    const before = await order(orderNo);
    const asked = await refundOk(orderNo, 1800);
    await waitFor("the refund notify acknowledged", async () =>
      (await orders.orderEventsOf(db.getDb(), before.id)).some((e) => e.type === "notify" && e.message.includes("退款成功")),
    );
    const row = await order(orderNo);
    expect(row).toMatchObject({ status: "partially_refunded", refundedFen: 1800, paidAt: before.paidAt, platformTradeNo: before.platformTradeNo, latePayment: false });
    expect((await refundRow(asked.refundNo)).status).toBe("succeeded");
    const paidChanges = (await events(orderNo)).filter((e) => e.type === "state_change" && e.message.includes("→ 已支付"));
    expect(paidChanges).toHaveLength(1);
  });

  test("Alipay TRADE_CLOSED after a full refund: the order stays refunded, through notify, query and sweep", async () => {
    const orderNo = await paidAlipayOrder();
    const asked = await refundOk(orderNo, 5000);
    await succeeded(asked.refundNo);
    await waitFor("the TRADE_CLOSED refund notify handled", async () =>
      (await orders.orderEventsOf(db.getDb(), (await order(orderNo)).id)).some((e) => e.type === "notify" && e.message.includes("退款")),
    );
    expect(ali.getAlipayTrade(orderNo)!.status).toBe("TRADE_CLOSED");
    expect((await order(orderNo)).status).toBe("refunded");
    // The admin's re-query sees TRADE_CLOSED: closed facts only move pending orders.
    const requery = await h.postJson(`/api/admin/orders/${orderNo}/query`, {}, { ...admin.headers, origin: h.baseUrl });
    expect(requery.status).toBe(200);
    expect(((await requery.json()) as { factKind: string; status: string })).toMatchObject({ factKind: "closed", status: "refunded" });
    await jobsLater(3_600_000);
    expect(await order(orderNo)).toMatchObject({ status: "refunded", refundedFen: 5000, closedAt: null });
  });

  test("a refund notify for a refund we never made is recorded as an anomaly and acknowledged", async () => {
    const orderNo = await paidWechatOrder();
    const { refundEnvelope } = await import("@/lib/emulator/wechat/refund-notify");
    const { signatureHeaders, signingKey } = await import("@/lib/emulator/wechat/sign");
    const trade = wx.getWechatTrade(orderNo)!;
    const envelope = refundEnvelope({
      mchid: trade.mchId,
      transaction_id: trade.transactionId!,
      out_trade_no: orderNo,
      refund_id: "50300000000000000000000000001",
      out_refund_no: "PORTAL-REFUND-1",
      refund_status: "SUCCESS",
      success_time: new Date().toISOString().replace(/\.\d{3}Z$/, "+00:00"),
      user_received_account: "支付用户零钱",
      amount: { total: 5000, refund: 500, payer_total: 5000, payer_refund: 500 },
    } as never);
    const body = JSON.stringify(envelope);
    const res = await h.fetch("/api/payment/wechat/notify", {
      method: "POST",
      headers: { "Content-Type": "application/json", ...signatureHeaders(body, signingKey()) },
      body,
    });
    expect([200, 204]).toContain(res.status);
    const row = await order(orderNo);
    expect(row).toMatchObject({ status: "paid", refundedFen: 0, hasAnomaly: true });
    expect((await events(orderNo)).some((e) => e.type === "anomaly" && e.message.includes("PORTAL-REFUND-1"))).toBe(true);
  });
});

describe("the admin API's guards and answers", () => {
  test("without a session → 401; without the CSRF token → 403; nothing reserved", async () => {
    const orderNo = await paidWechatOrder();
    expect((await askRefund(orderNo, { amountFen: 100, reason: "x" }, {})).status).toBe(401);
    expect((await askRefund(orderNo, { amountFen: 100, reason: "x" }, { cookie: admin.cookie })).status).toBe(403);
    expect(await order(orderNo)).toMatchObject({ refundingFen: 0, refundedFen: 0 });
  });

  test.each([
    ["zero", { amountFen: 0, reason: "x" }],
    ["negative", { amountFen: -100, reason: "x" }],
    ["fractional fen", { amountFen: 10.5, reason: "x" }],
    ["yuan as text", { amountFen: "30.00", reason: "x" }],
    ["no reason", { amountFen: 100 }],
    ["blank reason", { amountFen: 100, reason: "   " }],
    ["reason too long", { amountFen: 100, reason: "退".repeat(81) }],
  ])("a bad request (%s) → 422 with the field", async (_label, body) => {
    const orderNo = await paidWechatOrder();
    const res = await askRefund(orderNo, body);
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: { details: { field: string; issue: string }[] } };
    expect(error.details.length).toBeGreaterThan(0);
    expect(await order(orderNo)).toMatchObject({ refundingFen: 0 });
  });

  test("an unpaid order → 409; an unknown order → 404", async () => {
    const res = await h.postJson("/api/payment/orders", { formSlug: "demo", answers: DEMO_ANSWERS, provider: "wechat" });
    const { orderNo } = (await res.json()) as { orderNo: string };
    const pending = await askRefund(orderNo, { amountFen: 100, reason: "x" });
    expect(pending.status).toBe(409);
    expect(((await pending.json()) as { error: { message: string } }).error.message).toContain("未支付");
    expect((await askRefund("20990101000000" + "0000000000", { amountFen: 100, reason: "x" })).status).toBe(404);
  });

  test("GET /api/admin/refunds lists refunds with filters and keyset pages", async () => {
    const orderNo = await paidAlipayOrder();
    const a = await refundOk(orderNo, 100);
    const b = await refundOk(orderNo, 200);
    await succeeded(b.refundNo);
    const list = async (query: string) => {
      const res = await h.fetch(`/api/admin/refunds?${query}`, { headers: admin.headers });
      expect(res.status).toBe(200);
      return (await res.json()) as { items: { refundNo: string; statusText: string; amountFen: number }[]; nextCursor: string | null };
    };
    const page1 = await list(`orderNo=${orderNo}&limit=1`);
    expect(page1.items.map((i) => i.refundNo)).toEqual([b.refundNo]);
    expect(page1.items[0].statusText).toBe("退款成功");
    const page2 = await list(`orderNo=${orderNo}&limit=1&cursor=${page1.nextCursor}`);
    expect(page2.items.map((i) => i.refundNo)).toEqual([a.refundNo]);
    expect(page2.nextCursor).toBeNull();
    expect((await list("provider=alipay&status=succeeded")).items.every((i) => i.statusText === "退款成功")).toBe(true);
    expect((await h.fetch("/api/admin/refunds?status=nope", { headers: admin.headers })).status).toBe(422);
  });
});

describe("a fully refunded submission gives back what it held", () => {
  test("its unit of stock and its place: the next payer can buy the last one", async () => {
    const { insertForm } = await import("@/db/queries/forms");
    const now = Date.now();
    await insertForm(db.getDb(), {
      slug: "last-seat",
      title: "最后一个座位",
      status: "published",
      definitionJson: JSON.stringify({
        fields: [
          { id: "name", type: "text", label: "姓名", required: true },
          { id: "fee", type: "payment", label: "费用", required: true, payment: { mode: "items", items: [{ id: "seat", name: "座位", priceFen: 800, stock: 1 }] } },
        ],
        methods: ["wechat"],
      }),
      maxPaidSubmissions: 1,
      createdAt: now,
      updatedAt: now,
    });
    const buy = (name: string) => h.postJson("/api/payment/orders", { formSlug: "last-seat", answers: { name, fee: { seat: 1 } }, provider: "wechat" });
    const first = (await (await buy("甲")).json()) as { orderNo: string };
    wx.payWechatTrade(first.orderNo);
    await waitFor("the first payment", async () => (await order(first.orderNo)).status === "paid");
    expect([409, 410]).toContain((await buy("乙")).status);
    const refund = await refundOk(first.orderNo, 800);
    await roundsUntilSucceeded(refund.refundNo);
    expect((await order(first.orderNo)).status).toBe("refunded");
    expect((await submissions.getSubmission(db.getDb(), (await order(first.orderNo)).submissionId))?.paymentStatus).toBe("refunded");
    expect((await buy("乙")).status).toBe(201);
  });
});
