// Several app instances on one database (issue 13): a second instance runs in its own Node process
// (test/instance-child.ts) on the same database. On PostgreSQL that is the several-app-servers
// deployment; on SQLite, two processes sharing one file (the web process and `npm run worker`).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_ANSWERS, startHarness, type Harness } from "./harness";
import { startInstance, type Instance } from "./instances";
import { testOnPostgres } from "./databases";

let a: Harness;
let b: Instance;
let wechat: typeof import("@/lib/emulator/wechat");
let db: typeof import("@/db/client");
let schema: typeof import("@/db/schema");

beforeAll(async () => {
  a = await startHarness();
  b = await startInstance(process.env.DATABASE_URL!);
  wechat = await import("@/lib/emulator/wechat");
  db = await import("@/db/client");
  schema = await import("@/db/schema");
}, 60_000);
afterAll(async () => {
  await b?.close();
  await a?.close();
});

async function createOrders(count: number): Promise<string[]> {
  const created: string[] = [];
  for (let i = 0; i < count; i += 20) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(20, count - i) }, async () => {
        const response = await a.postJson("/api/payment/orders", { formSlug: "demo", answers: DEMO_ANSWERS, provider: "wechat" });
        expect(response.status).toBe(201);
        return ((await response.json()) as { orderNo: string }).orderNo;
      }),
    );
    created.push(...batch);
  }
  return created;
}

// PostgreSQL: 500 orders; SQLite: 300 orders, 600 notifies a round (each to both processes).
const notifyCount = testOnPostgres() ? 500 : 300;

test(`${notifyCount} orders whose genuine notifies go to both instances at once, three times: each applied once, no 5xx`, async () => {
  const orderNos = await createOrders(notifyCount);
  const statuses: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < orderNos.length; i += 25) {
      const slice = orderNos.slice(i, i + 25);
      const answers = await Promise.all(
        slice.flatMap((orderNo) => {
          const built = wechat.buildWechatTestNotify({ outTradeNo: orderNo });
          return [a.baseUrl, b.baseUrl].map((base) =>
            fetch(`${base}/api/payment/wechat/notify`, { method: "POST", headers: built.headers, body: built.body }).then((r) => r.status),
          );
        }),
      );
      statuses.push(...answers);
    }
  }
  expect(statuses.filter((s) => s >= 500)).toEqual([]);
  expect(new Set(statuses)).toEqual(new Set([204]));
  const { inArray, and, eq } = await import("drizzle-orm");
  const rows = await db.getDb().select().from(schema.paymentOrders).where(inArray(schema.paymentOrders.orderNo, orderNos));
  expect(rows.every((r) => r.status === "paid")).toBe(true);
  const changes = await db
    .getDb()
    .select()
    .from(schema.orderEvents)
    .where(and(inArray(schema.orderEvents.orderId, rows.map((r) => r.id)), eq(schema.orderEvents.type, "state_change")));
  expect(changes).toHaveLength(orderNos.length);
}, 240_000);

test("40 payers racing for 5 units across both instances → exactly 5 orders", async () => {
  const { insertForm } = await import("@/db/queries/forms");
  const now = Date.now();
  await insertForm(db.getDb(), {
    slug: "race",
    title: "限量 5 件",
    status: "published",
    definitionJson: JSON.stringify({
      fields: [
        { id: "name", type: "text", label: "姓名", required: true },
        { id: "fee", type: "payment", label: "费用", required: true, payment: { mode: "items", items: [{ id: "cup", name: "杯子", priceFen: 100, stock: 5 }] } },
      ],
      methods: ["wechat"],
    }),
    createdAt: now,
    updatedAt: now,
  });
  const statuses = await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      fetch(`${i % 2 ? b.baseUrl : a.baseUrl}/api/payment/orders`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ formSlug: "race", answers: { name: `买家${i}`, fee: { cup: 1 } }, provider: "wechat" }),
      }).then((r) => r.status),
    ),
  );
  expect(statuses.filter((s) => s === 201)).toHaveLength(5);
  expect(statuses.filter((s) => s !== 201 && s !== 409)).toEqual([]);
}, 60_000);

test("two job runners on two instances: every due pending order is queried exactly once per round", async () => {
  const { sql } = await import("drizzle-orm");
  // Within the new orders' 15 minutes, so the round queries them rather than closing them.
  const due = Date.now() + 60_000;
  await db.rawRows(db.getDb(), sql`update payment_orders set next_query_at = ${due + 3_600_000} where status = 'pending'`);
  await createOrders(60);
  await db.rawRows(db.getDb(), sql`update payment_orders set next_query_at = ${due}, query_count = 0 where status = 'pending' and next_query_at < ${due + 3_600_000}`);
  const { sweepRound } = await import("@/lib/payments/sweep");
  const [here, there] = await Promise.all([sweepRound(due), b.sweep(due)]);
  expect(here + there).toBe(60);
  const counted = await db.rawRows<{ n: number }>(db.getDb(), sql`select count(*) as n from payment_orders where status = 'pending' and query_count = 1`);
  expect(Number(counted[0].n)).toBe(60);
}, 60_000);

describe("change events", () => {
  test("an order paid through instance A raises a change event on instance B", async () => {
    const events: { orderNo: string; status: string }[] = [];
    await b.watch((change) => events.push(change));
    const [orderNo] = await createOrders(1);
    const built = wechat.buildWechatTestNotify({ outTradeNo: orderNo });
    const response = await fetch(`${a.baseUrl}/api/payment/wechat/notify`, { method: "POST", headers: built.headers, body: built.body });
    expect(response.status).toBe(204);
    const deadline = Date.now() + (testOnPostgres() ? 5_000 : 500);
    while (!events.some((e) => e.orderNo === orderNo) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    if (testOnPostgres()) {
      expect(events).toContainEqual({ orderNo, status: "paid" });
    } else {
      // SQLite has no cross-process notification: each process hears its own changes, and the
      // pay page's polling covers a payer connected to another process (README: several instances).
      expect(events.filter((e) => e.orderNo === orderNo)).toEqual([]);
    }
  }, 30_000);
});

test("a process killed between storing the submission and creating the order leaves no hold behind", async () => {
  const { insertForm } = await import("@/db/queries/forms");
  const now = Date.now();
  await insertForm(db.getDb(), {
    slug: "crash",
    title: "仅 1 件",
    status: "published",
    definitionJson: JSON.stringify({
      fields: [
        { id: "name", type: "text", label: "姓名", required: true },
        { id: "fee", type: "payment", label: "费用", required: true, payment: { mode: "items", items: [{ id: "cup", name: "杯子", priceFen: 100, stock: 1 }] } },
      ],
      methods: ["wechat"],
    }),
    createdAt: now,
    updatedAt: now,
  });
  const doomed = await startInstance(process.env.DATABASE_URL!);
  await doomed.crashMidCreate("crash", { name: "甲", fee: { cup: 1 } }, 100);
  const { eq } = await import("drizzle-orm");
  const form = (await import("@/db/queries/forms")).getFormBySlug(db.getDb(), "crash");
  const formId = (await form)!.id;
  expect(await db.getDb().select().from(schema.submissions).where(eq(schema.submissions.formId, formId))).toEqual([]);
  expect(await db.getDb().select().from(schema.stockHolds).where(eq(schema.stockHolds.formId, formId))).toEqual([]);
  // The one unit is still there for the next payer.
  const response = await a.postJson("/api/payment/orders", { formSlug: "crash", answers: { name: "乙", fee: { cup: 1 } }, provider: "wechat" });
  expect(response.status).toBe(201);
}, 60_000);
