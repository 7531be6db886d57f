// WeChat Pay end to end through the real route handlers, adapter and emulator (no mocks).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_ANSWERS, startHarness, waitFor, type Harness } from "./harness";

let h: Harness;
let emu: typeof import("@/lib/emulator/wechat");
let db: typeof import("@/db/client");
let orders: typeof import("@/db/queries/orders");

beforeAll(async () => {
  h = await startHarness();
  emu = await import("@/lib/emulator/wechat");
  db = await import("@/db/client");
  orders = await import("@/db/queries/orders");
});
afterAll(() => h.close());

interface Created {
  orderNo: string;
  status: string;
  provider: string;
  amountFen: number;
  codeUrl: string;
  expiresAt: string;
  payPageUrl: string;
}

async function createWechatOrder(): Promise<Created> {
  const response = await h.postJson("/api/payment/orders", { formSlug: "demo", answers: DEMO_ANSWERS, provider: "wechat" });
  expect(response.status).toBe(201);
  return response.json();
}

const order = async (orderNo: string) => (await orders.getOrderByNo(db.getDb(), orderNo))!;
const stateChanges = async (orderNo: string) => (await (await orders.orderEventsOf(db.getDb(), (await (await order(orderNo))).id))).filter((e) => e.type === "state_change");
const statusOf = async (orderNo: string) => (await (await h.fetch(`/api/payment/orders/${orderNo}`)).json()) as { status: string; paidAt: string | null };
// The payer's 我已支付: one platform query per order per interval.
const checkPaid = async (orderNo: string) =>
  (await (await h.fetch(`/api/payment/orders/${orderNo}/check`, { method: "POST" })).json()) as { status: string; paidAt: string | null };

function postNotify(built: { body: string; headers: Record<string, string> }) {
  return h.fetch("/api/payment/wechat/notify", { method: "POST", headers: built.headers, body: built.body });
}

describe("WeChat Pay Native", () => {
  test("create answers the order, a real code_url and where to pay", async () => {
    const created = await createWechatOrder();
    expect(created).toMatchObject({ status: "pending", provider: "wechat", amountFen: 5000 });
    expect(created.codeUrl).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=\w+/);
    expect(created.payPageUrl).toBe(`/pay/${created.orderNo}`);
    expect(Date.parse(created.expiresAt)).toBeGreaterThan(Date.now());
    expect(emu.getWechatTrade(created.orderNo)).toMatchObject({ state: "NOTPAY", totalFen: 5000 });
  });

  test("create → pay in the wallet → notify → paid", async () => {
    const created = await createWechatOrder();
    const paid = emu.payByCodeUrl(created.codeUrl);
    expect(paid).toBeTruthy();
    await waitFor("the notify to mark the order paid", async () => (await order(created.orderNo)).status === "paid");
    const row = (await order(created.orderNo));
    expect(row.platformTradeNo).toMatch(/^4200\d{24}$/);
    const status = await statusOf(created.orderNo);
    expect(status.status).toBe("paid");
    expect(status.paidAt).not.toBeNull();
    await waitFor("the emulator to see the acknowledgement", () => emu.wechatNotifies(created.orderNo).every((n) => n.status === "acked"));
  });

  test("the same notify twenty times concurrently applies once", async () => {
    const created = await createWechatOrder();
    emu.setWechatFault(created.orderNo, { notify: "drop" });
    emu.payWechatTrade(created.orderNo);
    const built = emu.buildWechatTestNotify({ outTradeNo: created.orderNo });
    const statuses = await Promise.all(Array.from({ length: 20 }, () => postNotify(built).then((r) => r.status)));
    expect(statuses.every((s) => s === 200 || s === 204)).toBe(true);
    expect((await order(created.orderNo)).status).toBe("paid");
    expect((await stateChanges(created.orderNo))).toHaveLength(1);
  });

  test("duplicated deliveries from the platform apply once", async () => {
    const created = await createWechatOrder();
    emu.setWechatFault(created.orderNo, { notify: "duplicate" });
    emu.payWechatTrade(created.orderNo);
    await waitFor("both deliveries acknowledged", () => {
      const sent = emu.wechatNotifies(created.orderNo);
      return sent.length === 2 && sent.every((n) => n.status === "acked");
    });
    expect((await stateChanges(created.orderNo))).toHaveLength(1);
  });

  test.each([
    ["bad_signature", 401],
    ["signtest_probe", 401],
    ["wrong_serial", 401],
    ["stale_timestamp", 401],
    ["tampered_ciphertext", 400],
    ["amount_mismatch", 400],
    ["wrong_mchid", 400],
    ["wrong_appid", 400],
  ] as const)("a %s notify is rejected with %i and changes nothing", async (corruption, expectedStatus) => {
    const created = await createWechatOrder();
    emu.setWechatFault(created.orderNo, { notify: "drop" });
    emu.payWechatTrade(created.orderNo);
    const response = await postNotify(emu.buildWechatTestNotify({ outTradeNo: created.orderNo, corruption }));
    expect(response.status).toBe(expectedStatus);
    const body = (await response.json()) as { code: string; message: string };
    expect(body.code).toBe("FAIL");
    expect(body.message.length).toBeGreaterThan(0);
    const row = (await order(created.orderNo));
    expect(row.status).toBe("pending");
    expect(row.paidAt).toBeNull();
    expect((await stateChanges(created.orderNo))).toHaveLength(0);
  });

  test("a notify for an unknown order is rejected; malformed bodies get a 4xx", async () => {
    const created = await createWechatOrder();
    emu.setWechatFault(created.orderNo, { notify: "drop" });
    emu.payWechatTrade(created.orderNo);
    const built = emu.buildWechatTestNotify({ outTradeNo: created.orderNo });
    // Signed and encrypted by the platform, but for an order we never made.
    const unknown = emu.buildWechatTestNotify({ outTradeNo: "20990101000000" + "0000000000", totalFen: 5000 });
    expect((await postNotify(unknown)).status).toBe(404);
    for (const body of ["", "{", "[]", JSON.stringify({ id: 1 })]) {
      const response = await h.fetch("/api/payment/wechat/notify", { method: "POST", headers: built.headers, body });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    }
    const noHeaders = await h.fetch("/api/payment/wechat/notify", { method: "POST", body: built.body });
    expect(noHeaders.status).toBe(401);
    expect((await order(created.orderNo)).status).toBe("pending");
  });

  test("a dropped notify is recovered by the payer's 我已支付 query", async () => {
    const created = await createWechatOrder();
    emu.setWechatFault(created.orderNo, { notify: "drop" });
    emu.payWechatTrade(created.orderNo);
    expect((await statusOf(created.orderNo)).status).toBe("pending");
    expect((await checkPaid(created.orderNo)).status).toBe("paid");
    const events = (await orders.orderEventsOf(db.getDb(), (await order(created.orderNo)).id));
    expect(events.some((e) => e.type === "state_change" && e.message.includes("查询"))).toBe(true);
  });

  test("我已支付 asks the platform at most once per interval", async () => {
    const created = await createWechatOrder();
    await Promise.all(Array.from({ length: 10 }, () => checkPaid(created.orderNo)));
    const queries = (await orders.orderEventsOf(db.getDb(), (await order(created.orderNo)).id)).filter((e) => e.type === "query");
    expect(queries).toHaveLength(1);
  });

  test("an expired order is closed at the platform, then here; a late payment is applied and flagged", async () => {
    const created = await createWechatOrder();
    await db.rawRows(
      db.getDb(),
      (await import("drizzle-orm")).sql`UPDATE payment_orders SET expires_at = ${Date.now() - 1000} WHERE order_no = ${created.orderNo}`,
    );
    expect((await checkPaid(created.orderNo)).status).toBe("closed");
    expect(emu.getWechatTrade(created.orderNo)?.state).toBe("CLOSED");
    emu.payWechatTrade(created.orderNo, { late: true });
    await waitFor("the late payment", async () => (await order(created.orderNo)).status === "paid");
    expect((await order(created.orderNo))).toMatchObject({ latePayment: true, hasAnomaly: true });
  });

  test("a platform that refuses the create: 502-class error, order failed, payer can retry", async () => {
    const created = await createWechatOrder();
    // Re-using the order number with another amount is refused by the platform (INVALID_REQUEST).
    const { providerFor } = await import("@/lib/payments/providers");
    await expect(
      (await providerFor("wechat")).createPayment({ orderNo: created.orderNo, amountFen: 1, description: "x", expiresAt: new Date(Date.now() + 600_000), channel: "native" }),
    ).rejects.toMatchObject({ kind: "rejected", platformCode: "INVALID_REQUEST" });

    // A platform that does not answer at all: point the adapter at a closed port.
    const { resetSettingsCache } = await import("@/lib/env");
    process.env.SERVER_BASE_URL = "http://127.0.0.1:9";
    resetSettingsCache();
    try {
      const response = await h.postJson("/api/payment/orders", { formSlug: "demo", answers: DEMO_ANSWERS, provider: "wechat" });
      expect([502, 503]).toContain(response.status);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.message).toContain("微信支付下单失败");
      const failed = (await db.getDb().select().from((await import("@/db/schema")).paymentOrders)).at(-1)!;
      expect(failed.status).toBe("failed");
    } finally {
      process.env.SERVER_BASE_URL = h.baseUrl;
      resetSettingsCache();
    }
  });

  test("bad create requests get clear 4xx answers", async () => {
    const missing = await h.postJson("/api/payment/orders", { formSlug: "demo", answers: { phone: "123" }, provider: "wechat" });
    expect(missing.status).toBe(422);
    const body = (await missing.json()) as { error: { code: string; details: { field: string; issue: string }[] } };
    expect(body.error.details).toEqual(
      expect.arrayContaining([
        { field: "name", issue: "请填写姓名" },
        { field: "phone", issue: "手机号应为 11 位手机号码" },
      ]),
    );
    expect((await h.postJson("/api/payment/orders", { formSlug: "demo", answers: DEMO_ANSWERS, provider: "paypal" })).status).toBe(422);
    expect((await h.postJson("/api/payment/orders", { formSlug: "nope", answers: DEMO_ANSWERS, provider: "wechat" })).status).toBe(404);
    const notJson = await h.fetch("/api/payment/orders", { method: "POST", body: "{oops" });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { code: string } }).error.code).toBe("bad_request");
    expect((await h.fetch("/api/payment/orders/20260101000000123456789X")).status).toBe(404);
    expect((await h.fetch("/api/payment/orders/..%2F..")).status).toBe(404);
  });

  test("GET /api/forms/demo answers the public definition", async () => {
    const response = await h.fetch("/api/forms/demo");
    expect(response.status).toBe(200);
    const form = (await response.json()) as { slug: string; fields: { id: string; type: string }[]; methods: string[] };
    expect(form.slug).toBe("demo");
    expect(form.fields.map((f) => f.id)).toEqual(["name", "phone", "session", "note", "fee"]);
    expect(form.fields.find((f) => f.type === "payment")).toMatchObject({ payment: { mode: "fixed", amountFen: 5000 } });
  });
});
