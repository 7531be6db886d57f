// The admin order list, order page and re-query through the real routes: filters, search by an
// answer, keyset pages that neither overlap nor skip, masked notify payloads, and 401 without a session.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_ANSWERS, startHarness, waitFor, type Harness } from "./harness";
import { signInAsAdmin } from "./admin";

let h: Harness;
let auth: Record<string, string>;
beforeAll(async () => {
  h = await startHarness();
  auth = (await signInAsAdmin(h)).headers;
  await seed();
});
afterAll(() => h.close());

const { getDb } = await import("@/db/client");
const { getFormBySlug, insertForm } = await import("@/db/queries/forms");
const { insertOrder, journalNotify, addOrderEvent, getOrderByNo } = await import("@/db/queries/orders");
const { insertSubmission } = await import("@/db/queries/submissions");
type Status = "pending" | "paid" | "closed";

interface Seeded {
  orderNo: string;
  createdAt: number;
  id: number;
  status: Status;
  provider: "wechat" | "alipay";
  formId: number;
  phone: string;
  tradeNo: string | null;
}
const seeded: Seeded[] = [];
// 00:00 on 2 March 2026 in Beijing is 16:00 on 1 March UTC.
const MARCH_2_BEIJING = Date.UTC(2026, 2, 1, 16);

async function addOrder(formId: number, n: number, createdAt: number) {
  const status: Status = (["pending", "paid", "closed"] as const)[n % 3];
  const provider = n % 2 ? "alipay" : "wechat";
  const phone = `139${String(n).padStart(8, "0")}`;
  const submission = await insertSubmission(getDb(), {
    formId,
    formVersion: 1,
    fieldsSnapshotJson: JSON.stringify([{ id: "name", type: "text", label: "姓名" }, { id: "phone", type: "phone", label: "手机号" }]),
    answersJson: JSON.stringify({ name: `学员${n}`, phone }),
    searchText: `学员${n} ${phone}${n === 7 ? " 50%_off" : ""}`,
    amountFen: 100 + n,
    paymentStatus: status === "paid" ? "paid" : "unpaid",
    createdAt,
  });
  const tradeNo = status === "paid" ? `4200000${String(n).padStart(8, "0")}` : null;
  const order = await insertOrder(getDb(), {
    orderNo: `2026030100000000${String(n).padStart(8, "0")}`,
    submissionId: submission.id,
    formId,
    provider,
    channel: provider === "wechat" ? "native" : "page",
    accountRef: "env",
    appId: "app",
    merchantId: "mch",
    amountFen: 100 + n,
    description: "测试",
    status,
    platformTradeNo: tradeNo,
    paidAt: status === "paid" ? createdAt + 1000 : null,
    expiresAt: createdAt + 900_000,
    createdAt,
    updatedAt: createdAt,
  });
  seeded.push({ orderNo: order.orderNo, createdAt, id: order.id, status, provider, formId, phone, tradeNo });
}

async function seed() {
  const db = getDb();
  const demo = (await getFormBySlug(db, "demo"))!;
  const other = await insertForm(db, { ...demo, id: undefined, slug: "other", title: "另一个表单", createdAt: 1, updatedAt: 1 });
  // 95 orders a minute apart around Beijing midnight; ten share one created_at, to test the tie-break.
  for (let n = 0; n < 95; n++) {
    const minute = n >= 60 && n < 70 ? 20 : n - 40;
    await addOrder(n % 5 === 0 ? other.id : demo.id, n, MARCH_2_BEIJING + minute * 60_000);
  }
}

const expectedOrder = (rows: Seeded[]) => [...rows].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id).map((r) => r.orderNo);
const get = (url: string, headers = auth) => h.fetch(url, { headers });

async function allPages(query: string, limit: number): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const res = await get(`/api/admin/orders?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as { items: { orderNo: string }[]; nextCursor: string | null };
    pages.push(body.items.map((i) => i.orderNo));
    cursor = body.nextCursor;
  } while (cursor && pages.length < 100);
  return pages;
}

describe("orders list", () => {
  test("keyset pages cover every order once, newest first, ties broken by id", async () => {
    const pages = await allPages("", 7);
    expect(pages.slice(0, -1).every((p) => p.length === 7)).toBe(true);
    expect(pages.flat()).toEqual(expectedOrder(seeded));
    expect(new Set(pages.flat()).size).toBe(seeded.length);
    // created_at ties exist in the data, or the tie-break was not tested
    expect(new Set(seeded.map((s) => s.createdAt)).size).toBeLessThan(seeded.length);
  });

  test("filters combine with pagination", async () => {
    const pages = await allPages("status=paid&provider=alipay", 4);
    expect(pages.flat()).toEqual(expectedOrder(seeded.filter((s) => s.status === "paid" && s.provider === "alipay")));
    const other = (await getFormBySlug(getDb(), "other"))!;
    const byForm = await allPages(`formId=${other.id}`, 5);
    expect(byForm.flat()).toEqual(expectedOrder(seeded.filter((s) => s.formId === other.id)));
  });

  test("a date range is Beijing days, inclusive", async () => {
    const pages = await allPages("from=2026-03-02&to=2026-03-02", 50);
    const inDay = seeded.filter((s) => s.createdAt >= MARCH_2_BEIJING && s.createdAt < MARCH_2_BEIJING + 86_400_000);
    expect(inDay.length).toBeGreaterThan(10);
    expect(pages.flat()).toEqual(expectedOrder(inDay));
    const before = await allPages("to=2026-03-01", 50);
    expect(before.flat()).toEqual(expectedOrder(seeded.filter((s) => s.createdAt < MARCH_2_BEIJING)));
  });

  test("search by phone, by a name fragment, by order number and by platform trade number", async () => {
    const target = seeded[33];
    const byPhone = await (await get(`/api/admin/orders?q=${target.phone}`)).json();
    expect(byPhone.items.map((i: { orderNo: string }) => i.orderNo)).toEqual([target.orderNo]);
    expect(byPhone.items[0]).toMatchObject({ amount: "¥1.33", answersSummary: expect.stringContaining(target.phone) });

    const byName = await (await get(`/api/admin/orders?q=${encodeURIComponent("学员3")}&limit=200`)).json();
    // 学员3 and 学员30…学员39
    expect(byName.items).toHaveLength(11);

    const byNo = await (await get(`/api/admin/orders?q=${target.orderNo}`)).json();
    expect(byNo.items.map((i: { orderNo: string }) => i.orderNo)).toEqual([target.orderNo]);

    const paid = seeded.find((s) => s.tradeNo)!;
    const byTrade = await (await get(`/api/admin/orders?q=${paid.tradeNo}`)).json();
    expect(byTrade.items.map((i: { orderNo: string }) => i.orderNo)).toEqual([paid.orderNo]);

    const none = await (await get(`/api/admin/orders?q=${encodeURIComponent("没有这个人")}`)).json();
    expect(none).toEqual({ items: [], nextCursor: null });

    const literal = await (await get(`/api/admin/orders?q=${encodeURIComponent("%_")}`)).json();
    expect(literal.items.map((i: { orderNo: string }) => i.orderNo)).toEqual([seeded[7].orderNo]);
  });

  test("a bad cursor is 400; bad filters are 422 with the field named", async () => {
    const bad = await get("/api/admin/orders?cursor=not-a-cursor");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({ code: "bad_request", details: [{ field: "cursor" }] });
    const filters = await get("/api/admin/orders?status=lost&from=2026-02-30");
    expect(filters.status).toBe(422);
    const fields = (await filters.json()).error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(["status", "from"]));
  });
});

describe("order page", () => {
  test("answers, timeline and journalled notifies with secrets masked", async () => {
    const target = seeded.find((s) => s.provider === "alipay" && s.status === "paid")!;
    await addOrderEvent(getDb(), target.id, "created", "创建订单");
    await addOrderEvent(getDb(), target.id, "anomaly", "通知与订单不符");
    await journalNotify(getDb(), {
      provider: "alipay",
      orderNo: target.orderNo,
      headersJson: JSON.stringify({ "content-type": "application/x-www-form-urlencoded", authorization: "Basic c2VjcmV0", cookie: "s=1" }),
      body: new URLSearchParams({ out_trade_no: target.orderNo, trade_status: "TRADE_SUCCESS", sign: "Zm9vYmFyYmF6cXV4cXV1eA".repeat(10) }).toString(),
      verified: true,
      outcome: "applied",
      receivedAt: Date.now(),
    });
    const res = await get(`/api/admin/orders/${target.orderNo}`);
    expect(res.status).toBe(200);
    const detail = await res.json();
    expect(detail.answers).toEqual([
      { label: "姓名", value: expect.stringMatching(/^学员/) },
      { label: "手机号", value: target.phone },
    ]);
    expect(detail.timeline.map((e: { type: string }) => e.type)).toEqual(["created", "anomaly"]);
    expect(detail.notifies).toHaveLength(1);
    expect(detail.notifies[0].headers).toMatchObject({ authorization: "***", cookie: "***" });
    expect(detail.notifies[0].body).toContain("sign=Zm9vYmFyYmF6…");
    expect(JSON.stringify(detail)).not.toContain("c2VjcmV0");
    expect((await get("/api/admin/orders/NO_SUCH_ORDER")).status).toBe(404);
  });

  test("重新查询 asks the platform, applies its answer through the state machine, and shows in the timeline", async () => {
    const created = await h.postJson("/api/payment/orders", { formSlug: "demo", answers: DEMO_ANSWERS, provider: "wechat" });
    expect(created.status, await created.clone().text()).toBe(201);
    const { orderNo } = await created.json();
    // The payer pays but the notify is lost: only a query can find out.
    await h.postJson("/sandbox/wechat/control", { action: "set_fault", outTradeNo: orderNo, fault: { notify: "drop" } });
    expect((await h.postJson("/sandbox/wechat/control", { action: "pay", outTradeNo: orderNo })).status).toBe(200);
    await waitFor("the emulator to record the payment", async () => {
      const state = await (await h.fetch(`/sandbox/wechat/control?outTradeNo=${orderNo}`)).json();
      return JSON.stringify(state).includes("SUCCESS");
    });
    expect((await getOrderByNo(getDb(), orderNo))!.status).toBe("pending");

    const res = await h.fetch(`/api/admin/orders/${orderNo}/query`, { method: "POST", headers: auth });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ status: "paid", factKind: "paid" });
    const detail = await (await get(`/api/admin/orders/${orderNo}`)).json();
    const messages = detail.timeline.map((e: { message: string }) => e.message);
    expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(/管理员 admin 手动重新查询/), expect.stringMatching(/查询平台：已支付/), expect.stringMatching(/待支付 → 已支付/)]));
  });

  test("without the CSRF header the re-query is refused", async () => {
    const res = await h.fetch(`/api/admin/orders/${seeded[0].orderNo}/query`, { method: "POST", headers: { cookie: auth.cookie } });
    expect(res.status).toBe(403);
  });
});

describe("without a session", () => {
  test.each([
    ["GET", "/api/admin/orders"],
    ["GET", "/api/admin/orders?cursor=bad"],
    ["GET", "/api/admin/orders/20260301000000000000000001"],
    ["POST", "/api/admin/orders/20260301000000000000000001/query"],
    ["GET", "/api/admin/dashboard"],
  ])("%s %s → 401", async (method, url) => {
    expect((await h.fetch(url, { method })).status).toBe(401);
  });
});
