// Switching between WeChat Pay and Alipay on one submission: the old order is closed at its
// platform first, so a submission never has two live orders.
import { afterAll, beforeAll, expect, test } from "vitest";
import { DEMO_ANSWERS, startHarness, waitFor, type Harness } from "./harness";

let h: Harness;
let wechat: typeof import("@/lib/emulator/wechat");
let alipay: typeof import("@/lib/emulator/alipay");
let orders: typeof import("@/db/queries/orders");
let db: typeof import("@/db/client");

beforeAll(async () => {
  h = await startHarness();
  wechat = await import("@/lib/emulator/wechat");
  alipay = await import("@/lib/emulator/alipay");
  orders = await import("@/db/queries/orders");
  db = await import("@/db/client");
});
afterAll(() => h.close());

const order = async (orderNo: string) => (await orders.getOrderByNo(db.getDb(), orderNo))!;

async function create(provider: "wechat" | "alipay") {
  const response = await h.postJson("/api/payment/orders", { formSlug: "demo", answers: DEMO_ANSWERS, provider });
  expect(response.status).toBe(201);
  return (await response.json()) as { orderNo: string; payUrl?: string; codeUrl?: string };
}

test("switching from Alipay to WeChat Pay closes the Alipay trade first", async () => {
  const first = await create("alipay");
  await alipay.openCashier(first.payUrl!);
  const response = await h.postJson(`/api/payment/orders/${first.orderNo}/pay-again`, { provider: "wechat" });
  expect(response.status).toBe(201);
  const second = (await response.json()) as { orderNo: string; codeUrl: string };
  expect(second.codeUrl).toMatch(/^weixin:/);
  expect((await order(first.orderNo)).status).toBe("closed");
  expect(alipay.getAlipayTrade(first.orderNo)?.status).toBe("TRADE_CLOSED");
  expect((await order(second.orderNo)).submissionId).toBe((await order(first.orderNo)).submissionId);
  // The closed Alipay trade can no longer be paid at the cashier.
  expect(() => alipay.payAlipayTrade(first.orderNo)).toThrow();
});

test("switching from WeChat Pay to Alipay closes the WeChat trade first", async () => {
  const first = await create("wechat");
  const response = await h.postJson(`/api/payment/orders/${first.orderNo}/pay-again`, { provider: "alipay" });
  expect(response.status).toBe(201);
  expect((await order(first.orderNo)).status).toBe("closed");
  expect(wechat.getWechatTrade(first.orderNo)?.state).toBe("CLOSED");
});

test("when the old order was paid meanwhile, the payer is told it is paid and nothing new is created", async () => {
  const first = await create("wechat");
  wechat.setWechatFault(first.orderNo, { notify: "drop" });
  wechat.payWechatTrade(first.orderNo);
  const before = (await db.getDb().select().from((await import("@/db/schema")).paymentOrders)).length;
  const response = await h.postJson(`/api/payment/orders/${first.orderNo}/pay-again`, { provider: "alipay" });
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ status: "paid", orderNo: first.orderNo });
  expect((await order(first.orderNo)).status).toBe("paid");
  const after = (await db.getDb().select().from((await import("@/db/schema")).paymentOrders)).length;
  expect(after).toBe(before);
});

test("a failed or closed order can be paid again; a bad provider is a 422", async () => {
  const first = await create("wechat");
  const closed = await h.postJson(`/api/payment/orders/${first.orderNo}/pay-again`, { provider: "wechat" });
  expect(closed.status).toBe(201);
  const again = (await closed.json()) as { orderNo: string };
  await waitFor("old order closed", async () => (await order(first.orderNo)).status === "closed");
  expect((await h.postJson(`/api/payment/orders/${again.orderNo}/pay-again`, { provider: "cash" })).status).toBe(422);
  expect((await h.postJson(`/api/payment/orders/20990101000000000000000X/pay-again`, { provider: "wechat" })).status).toBe(404);
});
