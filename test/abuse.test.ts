// Issue 7: no double charge through pay-again, no over-selling, holds that end, rate limits, and
// unknown accounts answered 404 — through the real route handlers and the emulator.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_ANSWERS, startHarness, type Harness } from "./harness";

let h: Harness;
let wechat: typeof import("@/lib/emulator/wechat");
let orders: typeof import("@/db/queries/orders");
let forms: typeof import("@/db/queries/forms");
let db: typeof import("@/db/client");
let schema: typeof import("@/db/schema");

beforeAll(async () => {
  h = await startHarness();
  wechat = await import("@/lib/emulator/wechat");
  orders = await import("@/db/queries/orders");
  forms = await import("@/db/queries/forms");
  db = await import("@/db/client");
  schema = await import("@/db/schema");
});
afterAll(() => h.close());

/**
 * Time passing for one submission, as the database sees it (the emulator keeps its own clock, so
 * the process clock is not faked): its order expiries, holds and hold start move back by ms.
 */
async function rewind(orderNo: string, ms: number) {
  const { sql } = await import("drizzle-orm");
  const order = (await orders.getOrderByNo(db.getDb(), orderNo))!;
  const handle = db.getDb();
  await db.rawRows(handle, sql`update payment_orders set expires_at = expires_at - ${ms}, created_at = created_at - ${ms} where submission_id = ${order.submissionId}`);
  await db.rawRows(handle, sql`update stock_holds set hold_until = hold_until - ${ms} where submission_id = ${order.submissionId}`);
  await db.rawRows(handle, sql`update submissions set hold_started_at = hold_started_at - ${ms} where id = ${order.submissionId}`);
}

let formCount = 0;
async function publishForm(options: { maxPaidSubmissions?: number; items?: { id: string; name: string; priceFen: number; stock?: number }[] }) {
  const slug = `abuse-${++formCount}`;
  const fee = options.items
    ? { id: "fee", type: "payment", label: "费用", required: true, payment: { mode: "items", items: options.items } }
    : { id: "fee", type: "payment", label: "报名费", required: true, payment: { mode: "fixed", amountFen: 100 } };
  const now = Date.now();
  await forms.insertForm(db.getDb(), {
    slug,
    title: `限量表单 ${formCount}`,
    status: "published",
    definitionJson: JSON.stringify({
      fields: [{ id: "name", type: "text", label: "姓名", required: true }, { id: "phone", type: "phone", label: "手机号", required: true }, fee],
      methods: ["wechat", "alipay"],
    }),
    maxPaidSubmissions: options.maxPaidSubmissions ?? null,
    createdAt: now,
    updatedAt: now,
  });
  return slug;
}

async function create(formSlug: string, answers: Record<string, unknown> = DEMO_ANSWERS, provider = "wechat") {
  return h.postJson("/api/payment/orders", { formSlug, answers, provider });
}

async function payAgain(orderNo: string, provider: "wechat" | "alipay" = "wechat") {
  return h.postJson(`/api/payment/orders/${orderNo}/pay-again`, { provider });
}

async function ordersOf(orderNo: string) {
  const first = (await orders.getOrderByNo(db.getDb(), orderNo))!;
  return orders.ordersOfSubmission(db.getDb(), first.submissionId);
}

/** Orders the payer could still pay at the platform (WeChat trades not closed, not paid). */
function payableAtPlatform(rows: { orderNo: string; provider: string }[]) {
  return rows.filter((o) => o.provider === "wechat" && wechat.getWechatTrade(o.orderNo)?.state === "NOTPAY");
}

describe("pay-again cannot make a second payable order", () => {
  test.each([8, 50])("%i simultaneous pay-agains → one pending order, every other trade closed at the platform", async (n) => {
    const created = (await (await create("demo")).json()) as { orderNo: string };
    const answers = await Promise.all(Array.from({ length: n }, (_, i) => payAgain(created.orderNo, i % 2 ? "alipay" : "wechat")));
    const statuses = answers.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(statuses).toContain(201);
    const rows = await ordersOf(created.orderNo);
    expect(rows.filter((o) => o.status === "pending")).toHaveLength(1);
    // Every WeChat trade but the pending order's is closed at WeChat: none can be paid.
    const pending = rows.find((o) => o.status === "pending")!;
    expect(payableAtPlatform(rows).map((o) => o.orderNo).filter((no) => no !== pending.orderNo)).toEqual([]);
  });

  test("the database itself refuses a second pending order for one submission", async () => {
    const created = (await (await create("demo")).json()) as { orderNo: string };
    const order = (await orders.getOrderByNo(db.getDb(), created.orderNo))!;
    const { id: _id, ...copy } = order;
    await expect(orders.insertOrder(db.getDb(), { ...copy, orderNo: `${order.orderNo.slice(0, -1)}9` })).rejects.toThrow();
  });
});

describe("places and stock", () => {
  test("a one-place form: A expires, B pays, C is told it is full, A's pay-again is refused → one paid submission", async () => {
    const slug = await publishForm({ maxPaidSubmissions: 1 });
    const a = (await (await create(slug, { name: "甲", phone: "13800000001" })).json()) as { orderNo: string };
    // B cannot take the place while A is paying.
    expect((await create(slug, { name: "乙", phone: "13800000002" })).status).toBe(409);

    await rewind(a.orderNo, 16 * 60_000); // A's order has expired: its place is free at once
    const bResponse = await create(slug, { name: "乙", phone: "13800000002" });
    expect(bResponse.status).toBe(201);
    const b = (await bResponse.json()) as { orderNo: string };
    wechat.payWechatTrade(b.orderNo);
    const { queryAndApply } = await import("@/lib/payments/refresh-order");
    await queryAndApply((await orders.getOrderByNo(db.getDb(), b.orderNo))!);
    expect((await orders.getOrderByNo(db.getDb(), b.orderNo))!.status).toBe("paid");

    const c = await create(slug, { name: "丙", phone: "13800000003" });
    expect(c.status).toBe(410); // the form is full for good: 名额已满
    expect(((await c.json()) as { error: { message: string } }).error.message).toContain("名额已满");
    const again = await payAgain(a.orderNo);
    expect([409, 410]).toContain(again.status);
    const form = (await forms.getFormBySlug(db.getDb(), slug))!;
    const paid = (await db.getDb().select().from(schema.submissions)).filter((s) => s.formId === form.id && s.paymentStatus === "paid");
    expect(paid).toHaveLength(1);
  });

  test("an unpaid order holds its units only until it expires, then they are free at once", async () => {
    const slug = await publishForm({ items: [{ id: "seat", name: "座位", priceFen: 100, stock: 10 }] });
    const holder = await create(slug, { name: "甲", phone: "13800000011", fee: { seat: 10 } });
    expect(holder.status).toBe(201);
    const held = (await holder.json()) as { orderNo: string };
    const refused = await create(slug, { name: "乙", phone: "13800000012", fee: { seat: 1 } });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain("已售罄");

    await rewind(held.orderNo, 15 * 60_000 + 1_000);
    const later = await create(slug, { name: "乙", phone: "13800000012", fee: { seat: 1 } });
    expect(later.status).toBe(201);
  });

  test("paying again does not extend a submission's hold past its longest hold (30 minutes from the first order)", async () => {
    const slug = await publishForm({ items: [{ id: "seat", name: "座位", priceFen: 100, stock: 1 }] });
    const first = (await (await create(slug, { name: "甲", phone: "13800000021", fee: { seat: 1 } })).json()) as { orderNo: string };
    await rewind(first.orderNo, 20 * 60_000); // 20 minutes after the first order
    const second = await payAgain(first.orderNo);
    expect(second.status).toBe(201);
    const secondOrder = (await second.json()) as { orderNo: string; expiresAt: string };
    // 10 minutes left of the submission's 30, not a fresh 15.
    expect(Date.parse(secondOrder.expiresAt) - Date.now()).toBeLessThanOrEqual(10 * 60_000 + 1_000);
    await rewind(first.orderNo, 9 * 60_000 + 30_000); // 29½ minutes after the first order
    const third = await payAgain(secondOrder.orderNo);
    expect(third.status).toBe(410);
    expect(((await third.json()) as { error: { message: string } }).error.message).toContain("支付时间已用完");
    await rewind(first.orderNo, 60_000);
    // The hold is over: someone else may take the unit.
    expect((await create(slug, { name: "乙", phone: "13800000022", fee: { seat: 1 } })).status).toBe(201);
  });
});

describe("unknown receiving accounts", () => {
  test.each([
    ["/api/payment/wechat/notify/42", "POST"],
    ["/api/payment/alipay/notify/42", "POST"],
    ["/api/payment/alipay/return?account=42", "GET"],
  ])("%s answers 404, not 500", async (path, method) => {
    const response = await h.fetch(path, { method, body: method === "POST" ? "{}" : undefined });
    expect(response.status).toBe(404);
  });
});
