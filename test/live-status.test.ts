// The payer's live status (issue 9): the status read neither writes nor calls a platform; the
// event stream tells a waiting payer of the payment, from this instance or (PostgreSQL) another
// process; a dropped stream catches up on reconnect; 我已支付 asks the platform, throttled.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testOnPostgres } from "./databases";
import { DEMO_ANSWERS, startHarness, waitFor, type Harness } from "./harness";
import { openSse } from "./sse-client";

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

async function createWechatOrder(): Promise<{ orderNo: string; codeUrl: string }> {
  const response = await h.postJson("/api/payment/orders", { formSlug: "demo", answers: DEMO_ANSWERS, provider: "wechat" });
  expect(response.status).toBe(201);
  return response.json();
}
const row = async (orderNo: string) => (await orders.getOrderByNo(db.getDb(), orderNo))!;
const eventsOf = async (orderNo: string) => orders.orderEventsOf(db.getDb(), (await row(orderNo)).id);
const platformQueries = (orderNo: string) => h.requests.filter((r) => r.includes("/out-trade-no/") && r.includes(orderNo));
const streamUrl = (orderNo: string) => `${h.baseUrl}/api/payment/orders/${orderNo}/events`;
const statuses = (events: unknown[]) => events.map((e) => (e as { status: string }).status);

describe("the status read", () => {
  test("a pending order's status GET makes no platform call and no write", async () => {
    const created = await createWechatOrder();
    const before = await row(created.orderNo);
    const eventsBefore = (await eventsOf(created.orderNo)).length;
    const requestsBefore = h.requests.length;
    for (let i = 0; i < 5; i++) {
      const response = await h.fetch(`/api/payment/orders/${created.orderNo}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ orderNo: created.orderNo, status: "pending", amountFen: 5000 });
    }
    const after = await row(created.orderNo);
    expect(after.updatedAt).toBe(before.updatedAt);
    expect(after.lastQueriedAt).toBe(before.lastQueriedAt);
    expect(after.queryCount).toBe(before.queryCount);
    expect((await eventsOf(created.orderNo)).length).toBe(eventsBefore);
    // Nothing but the five status GETs went over the wire: the emulator was never asked.
    expect(h.requests.slice(requestsBefore)).toEqual(Array(5).fill(`GET /api/payment/orders/${created.orderNo}`));
    expect(platformQueries(created.orderNo)).toEqual([]);
  });

  test("an unknown or malformed order number is a 404 on every payer path", async () => {
    expect((await h.fetch("/api/payment/orders/20990101000000000000000X")).status).toBe(404);
    expect((await h.fetch("/api/payment/orders/20990101000000000000000X/events")).status).toBe(404);
    expect((await h.fetch("/api/payment/orders/..%2F../events")).status).toBe(404);
    expect((await h.fetch("/api/payment/orders/20990101000000000000000X/check", { method: "POST" })).status).toBe(404);
  });
});

describe("the event stream", () => {
  test("sends the current status at once, then paid when the notify is applied, then ends", async () => {
    const created = await createWechatOrder();
    const stream = await openSse(streamUrl(created.orderNo));
    await waitFor("the current status", () => stream.events.length === 1);
    expect(stream.events[0]).toMatchObject({ orderNo: created.orderNo, status: "pending" });
    emu.payByCodeUrl(created.codeUrl);
    await stream.ended;
    expect(statuses(stream.events)).toEqual(["pending", "paid"]);
    expect((stream.events[1] as { paidAt: string | null }).paidAt).not.toBeNull();
  });

  test("a stream is opened with no-store, unbuffered headers", async () => {
    const created = await createWechatOrder();
    const controller = new AbortController();
    const response = await h.fetch(`/api/payment/orders/${created.orderNo}/events`, { signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(response.headers.get("cache-control")).toContain("no-store");
    expect(response.headers.get("cache-control")).toContain("no-transform");
    expect(response.headers.get("x-accel-buffering")).toBe("no");
    controller.abort();
  });

  test("a dropped stream reconnects and catches up with what it missed", async () => {
    const created = await createWechatOrder();
    const first = await openSse(streamUrl(created.orderNo));
    await waitFor("the current status", () => first.events.length === 1);
    first.close();
    await first.ended;
    const { watcherCount } = await import("@/lib/payments/live/order-watchers");
    await waitFor("the server to let go of the dropped stream", () => watcherCount() === 0);

    emu.payByCodeUrl(created.codeUrl);
    await waitFor("the notify to mark the order paid", async () => (await row(created.orderNo)).status === "paid");
    expect(statuses(first.events)).toEqual(["pending"]);

    const again = await openSse(streamUrl(created.orderNo));
    await again.ended;
    expect(statuses(again.events)).toEqual(["paid"]);
  });

  test("an order already final is sent once and the stream ends", async () => {
    const created = await createWechatOrder();
    emu.payByCodeUrl(created.codeUrl);
    await waitFor("paid", async () => (await row(created.orderNo)).status === "paid");
    const stream = await openSse(streamUrl(created.orderNo));
    await stream.ended;
    expect(statuses(stream.events)).toEqual(["paid"]);
  });

  test.runIf(testOnPostgres())("a payer subscribed here is told of a payment applied by another process", async () => {
    const created = await createWechatOrder();
    emu.setWechatFault(created.orderNo, { notify: "drop" });
    emu.payWechatTrade(created.orderNo);
    const stream = await openSse(streamUrl(created.orderNo));
    await waitFor("the current status", () => stream.events.length === 1);

    // Another instance: its own process, pool and LISTEN connection, on the same database.
    const root = path.resolve(__dirname, "..");
    const { stdout } = await promisify(execFile)(
      path.join(root, "node_modules", ".bin", "tsx"),
      ["--conditions=react-server", "--tsconfig", path.join(root, "tsconfig.json"), path.join(root, "test", "other-instance.ts"), created.orderNo],
      { cwd: root, env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL } },
    );
    expect(stdout).toMatch(/^applied pid=\d+/);
    expect(stdout).not.toContain(`pid=${process.pid}`);

    await stream.ended;
    expect(statuses(stream.events)).toEqual(["pending", "paid"]);
  });
});

describe("我已支付", () => {
  test("asks the platform once per interval, and finds a payment whose notify was lost", async () => {
    const created = await createWechatOrder();
    emu.setWechatFault(created.orderNo, { notify: "drop" });
    emu.payWechatTrade(created.orderNo);
    expect((await (await h.fetch(`/api/payment/orders/${created.orderNo}`)).json()).status).toBe("pending");

    const pressed = await Promise.all(Array.from({ length: 5 }, () => h.fetch(`/api/payment/orders/${created.orderNo}/check`, { method: "POST" })));
    expect(pressed.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(platformQueries(created.orderNo)).toHaveLength(1);
    expect((await row(created.orderNo)).status).toBe("paid");
    const queries = (await eventsOf(created.orderNo)).filter((e) => e.type === "query");
    expect(queries).toHaveLength(1);
  });
});
