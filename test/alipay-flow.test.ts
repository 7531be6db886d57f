// Alipay end to end through the real route handlers, adapter and emulator (no mocks).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_ANSWERS, startHarness, waitFor, type Harness } from "./harness";

let h: Harness;
let emu: typeof import("@/lib/emulator/alipay");
let db: typeof import("@/db/client");
let orders: typeof import("@/db/queries/orders");

const DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36";
const PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148";

beforeAll(async () => {
  h = await startHarness();
  emu = await import("@/lib/emulator/alipay");
  db = await import("@/db/client");
  orders = await import("@/db/queries/orders");
});
afterAll(() => h.close());

async function createAlipayOrder(userAgent = DESKTOP) {
  const response = await h.postJson("/api/payment/orders", { formSlug: "demo", answers: DEMO_ANSWERS, provider: "alipay" }, { "User-Agent": userAgent });
  expect(response.status).toBe(201);
  return (await response.json()) as { orderNo: string; payUrl: string; amountFen: number; status: string };
}

const status = async (orderNo: string) => ((await (await h.fetch(`/api/payment/orders/${orderNo}`)).json()) as { status: string }).status;
// The payer's 我已支付: one platform query per order per interval.
const checkPaid = async (orderNo: string) =>
  ((await (await h.fetch(`/api/payment/orders/${orderNo}/check`, { method: "POST" })).json()) as { status: string }).status;
const order = async (orderNo: string) => (await orders.getOrderByNo(db.getDb(), orderNo))!;
const stateChanges = async (orderNo: string) => (await (await orders.orderEventsOf(db.getDb(), (await (await order(orderNo))).id))).filter((e) => e.type === "state_change");

function postNotify(body: string, contentType = "application/x-www-form-urlencoded; charset=utf-8") {
  return h.fetch("/api/payment/alipay/notify", { method: "POST", headers: { "Content-Type": contentType }, body });
}

describe("Alipay payment", () => {
  test("desktop gets a page-pay URL, a phone a WAP URL, both signed for the gateway", async () => {
    const desktop = await createAlipayOrder(DESKTOP);
    const desktopUrl = new URL(desktop.payUrl);
    expect(desktopUrl.pathname).toBe("/sandbox/alipay/gateway.do");
    expect(desktopUrl.searchParams.get("method")).toBe("alipay.trade.page.pay");
    expect(JSON.parse(desktopUrl.searchParams.get("biz_content")!)).toMatchObject({ total_amount: "50.00", out_trade_no: desktop.orderNo });
    const phone = await createAlipayOrder(PHONE);
    expect(new URL(phone.payUrl).searchParams.get("method")).toBe("alipay.trade.wap.pay");
  });

  test("create → cashier → pay → async notify marks the order paid", async () => {
    const created = await createAlipayOrder();
    expect(await status(created.orderNo)).toBe("pending");
    await emu.openCashier(created.payUrl);
    const paid = emu.payAlipayTrade(created.orderNo);
    expect(paid.notify).not.toBeNull();
    await waitFor("the notify to be acknowledged", async () => (await order(created.orderNo)).status === "paid");
    const row = (await order(created.orderNo));
    expect(row.platformTradeNo).toBe(paid.trade.tradeNo);
    expect(row.latePayment).toBe(false);
    await waitFor("the emulator to see success", () => emu.getAlipayTrade(created.orderNo)?.status === "TRADE_SUCCESS");
  });

  test("the same notify twenty times concurrently applies once, each answered success", async () => {
    const created = await createAlipayOrder();
    await emu.openCashier(created.payUrl);
    emu.setAlipayFault(created.orderNo, { nextNotify: "drop" });
    emu.payAlipayTrade(created.orderNo);
    const notify = emu.buildAlipayTestNotify({ outTradeNo: created.orderNo });
    const answers = await Promise.all(Array.from({ length: 20 }, () => postNotify(notify.body).then((r) => r.text())));
    expect(answers).toEqual(Array(20).fill("success"));
    expect((await order(created.orderNo)).status).toBe("paid");
    expect((await stateChanges(created.orderNo))).toHaveLength(1);
  });

  test.each([
    ["forged_sign"],
    ["wrong_app_id"],
    ["wrong_seller_id"],
    ["amount_mismatch"],
    ["missing_fields"],
  ] as const)("a %s notify is refused and changes nothing", async (corruption) => {
    const created = await createAlipayOrder();
    await emu.openCashier(created.payUrl);
    const notify = emu.buildAlipayTestNotify({ outTradeNo: created.orderNo, corruption });
    const response = await postNotify(notify.body);
    expect(await response.text()).not.toBe("success");
    const row = (await order(created.orderNo));
    expect(row.status).toBe("pending");
    expect(row.paidAt).toBeNull();
    expect((await stateChanges(created.orderNo))).toHaveLength(0);
  });

  test("a notify for an unknown out_trade_no and a malformed body are refused and journalled", async () => {
    const created = await createAlipayOrder();
    await emu.openCashier(created.payUrl);
    const unknown = emu.buildAlipayTestNotify({ outTradeNo: created.orderNo, corruption: "unknown_out_trade_no" });
    expect(await (await postNotify(unknown.body)).text()).not.toBe("success");
    expect(await (await postNotify("%%%not a form&&sign=")).text()).not.toBe("success");
    expect(await (await postNotify("")).text()).not.toBe("success");
    expect((await order(created.orderNo)).status).toBe("pending");
    const { notifyJournal } = await import("@/db/schema");
    const rows = (await db.getDb().select().from(notifyJournal));
    expect(rows.some((r) => r.outcome.includes("ORDER_NOT_FOUND"))).toBe(true);
    expect(rows.some((r) => !r.verified && r.outcome.startsWith("rejected"))).toBe(true);
  });

  test("a genuine notify with % in a value is accepted", async () => {
    const created = await createAlipayOrder();
    await emu.openCashier(created.payUrl);
    emu.setAlipayFault(created.orderNo, { nextNotify: "drop" });
    emu.payAlipayTrade(created.orderNo);
    const notify = emu.buildAlipayTestNotify({ outTradeNo: created.orderNo, corruption: "percent_value" });
    expect(await (await postNotify(notify.body)).text()).toBe("success");
    expect((await order(created.orderNo)).status).toBe("paid");
  });

  test("TRADE_CLOSED after paid does not unpay; WAIT_BUYER_PAY is ignored", async () => {
    const created = await createAlipayOrder();
    await emu.openCashier(created.payUrl);
    const waiting = emu.buildAlipayTestNotify({ outTradeNo: created.orderNo, tradeStatus: "WAIT_BUYER_PAY" });
    expect(await (await postNotify(waiting.body)).text()).toBe("success");
    expect((await order(created.orderNo)).status).toBe("pending");
    emu.payAlipayTrade(created.orderNo);
    await waitFor("paid", async () => (await order(created.orderNo)).status === "paid");
    const closed = emu.buildAlipayTestNotify({ outTradeNo: created.orderNo, tradeStatus: "TRADE_CLOSED" });
    expect(await (await postNotify(closed.body)).text()).toBe("success");
    expect((await order(created.orderNo)).status).toBe("paid");
  });

  test("the return URL is verified, triggers a query, and redirects to the pay page", async () => {
    const created = await createAlipayOrder();
    await emu.openCashier(created.payUrl);
    emu.setAlipayFault(created.orderNo, { nextNotify: "drop" });
    const paid = emu.payAlipayTrade(created.orderNo);
    const returnUrl = new URL(paid.returnUrl!);

    const tampered = new URL(returnUrl);
    tampered.searchParams.set("total_amount", "0.01");
    const refused = await h.fetch(`/api/payment/alipay/return${tampered.search}`);
    expect(refused.status).toBe(400);
    expect((await order(created.orderNo)).status).toBe("pending");

    const response = await h.fetch(`/api/payment/alipay/return${returnUrl.search}`);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/pay/${created.orderNo}`);
    // The notify was dropped: the query behind the return is what found the payment.
    expect((await order(created.orderNo)).status).toBe("paid");
  });

  test("a dropped notify is recovered by the payer's 我已支付 query", async () => {
    const created = await createAlipayOrder();
    await emu.openCashier(created.payUrl);
    emu.setAlipayFault(created.orderNo, { nextNotify: "drop" });
    emu.payAlipayTrade(created.orderNo);
    expect(await status(created.orderNo)).toBe("pending");
    expect(await checkPaid(created.orderNo)).toBe("paid");
  });

  test("before the payer opens the cashier the platform has no trade: the order stays pending", async () => {
    const created = await createAlipayOrder();
    expect(await checkPaid(created.orderNo)).toBe("pending");
    const events = (await orders.orderEventsOf(db.getDb(), (await order(created.orderNo)).id));
    expect(events.some((e) => e.type === "query" && e.message.includes("平台无此交易"))).toBe(true);
  });
});
