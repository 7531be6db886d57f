// The front server (lib/http/front-server.ts): the payer's status read and event stream answered
// before Next, with the same body, error shape, security headers and request log as the Next
// routes; everything else, and anything with a body, passed on untouched.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_ANSWERS, startHarness, waitFor, type Harness } from "./harness";
import { openSse } from "./sse-client";

let h: Harness;
let front: http.Server;
let frontUrl: string;
let emu: typeof import("@/lib/emulator/wechat");
let watchers: typeof import("@/lib/payments/live/order-watchers");
let db: typeof import("@/db/client");
let orders: typeof import("@/db/queries/orders");
const logLines: Record<string, unknown>[] = [];
const passedOn: string[] = [];

beforeAll(async () => {
  h = await startHarness();
  emu = await import("@/lib/emulator/wechat");
  watchers = await import("@/lib/payments/live/order-watchers");
  db = await import("@/db/client");
  orders = await import("@/db/queries/orders");
  const { installFrontServerOn } = await import("@/lib/http/front-server");
  const { FRONT_ROUTES } = await import("@/lib/payments/front-routes");
  const { createLogger, replaceRootLogger } = await import("@/lib/log");
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) logLines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  replaceRootLogger(createLogger(sink, "info"));
  // What is not the front's goes to "Next": here a listener that says it was asked.
  front = http.createServer((req, res) => {
    passedOn.push(`${req.method} ${req.url}`);
    req.resume();
    res.writeHead(418).end("next");
  });
  installFrontServerOn(front, FRONT_ROUTES);
  await new Promise<void>((resolve) => front.listen(0, "127.0.0.1", resolve));
  frontUrl = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => front.close(resolve));
  await h.close();
});

async function createWechatOrder(): Promise<{ orderNo: string; codeUrl: string }> {
  const response = await h.postJson("/api/payment/orders", { formSlug: "demo", answers: DEMO_ANSWERS, provider: "wechat" });
  expect(response.status).toBe(201);
  return response.json();
}

function expectApiSecurityHeaders(headers: Headers): void {
  expect(headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  expect(headers.get("x-frame-options")).toBe("DENY");
  expect(headers.get("x-content-type-options")).toBe("nosniff");
  expect(headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
}

describe("the status read in front of Next", () => {
  test("answers what the Next route answers, with the security headers, no-store and a request id", async () => {
    const { orderNo } = await createWechatOrder();
    const viaNext = await h.fetch(`/api/payment/orders/${orderNo}`);
    const response = await fetch(`${frontUrl}/api/payment/orders/${orderNo}?t=1`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(await viaNext.json());
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f]{16}$/);
    expectApiSecurityHeaders(response.headers);
    expect(passedOn).toEqual([]);
    const line = logLines.find((l) => l.msg === "request" && l.requestId === response.headers.get("x-request-id"));
    expect(line).toMatchObject({ method: "GET", path: `/api/payment/orders/${orderNo}`, status: 200 });
  });

  test("an unknown order is the API's 404, in Chinese, with the same headers", async () => {
    const response = await fetch(`${frontUrl}/api/payment/orders/20990101000000000000000X`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: "not_found", message: "订单不存在", details: [] } });
    expectApiSecurityHeaders(response.headers);
    const stream = await fetch(`${frontUrl}/api/payment/orders/20990101000000000000000X/events`);
    expect(stream.status).toBe(404);
    expectApiSecurityHeaders(stream.headers);
  });

  test("other methods, other paths, odd order numbers and requests with a body go on to Next", async () => {
    const { orderNo } = await createWechatOrder();
    passedOn.length = 0;
    const asked = [
      await fetch(`${frontUrl}/api/payment/orders/${orderNo}`, { method: "POST", body: "{}" }),
      await fetch(`${frontUrl}/api/payment/orders/${orderNo}/check`, { method: "POST" }),
      await fetch(`${frontUrl}/api/payment/orders/${orderNo}/`),
      await fetch(`${frontUrl}/api/payment/orders/..%2F..%2Fadmin`),
      await fetch(`${frontUrl}/pay/${orderNo}`),
      await fetch(`${frontUrl}/api/payment/orders/${orderNo}`, { method: "HEAD" }),
    ];
    expect(asked.map((r) => r.status)).toEqual([418, 418, 418, 418, 418, 418]);
    // A GET with a body is Next's to refuse or read within its limits, never the front's.
    const withBody = await new Promise<string>((resolve, reject) => {
      const req = http.request(`${frontUrl}/api/payment/orders/${orderNo}`, { method: "GET", headers: { "content-type": "application/json", "content-length": "2" } }, (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", () => resolve(`${res.statusCode} ${body}`));
      });
      req.on("error", reject);
      req.end("{}");
    });
    expect(withBody).toBe("418 next");
    expect(passedOn).toHaveLength(7);
  });
});

describe("the event stream in front of Next", () => {
  test("sends the current status, then paid when the notify is applied, then ends", async () => {
    const { orderNo, codeUrl } = await createWechatOrder();
    const stream = await openSse(`${frontUrl}/api/payment/orders/${orderNo}/events`);
    await waitFor("the current status", () => stream.events.length === 1);
    expect(stream.events[0]).toMatchObject({ orderNo, status: "pending" });
    emu.payByCodeUrl(codeUrl);
    await stream.ended;
    expect(stream.events.map((e) => (e as { status: string }).status)).toEqual(["pending", "paid"]);
    expect(passedOn.filter((r) => r.includes(orderNo))).toEqual([]);
  });

  test("opens with the stream headers and the security headers; a payer who leaves is forgotten", async () => {
    const { orderNo } = await createWechatOrder();
    const before = watchers.watcherCount();
    const controller = new AbortController();
    const response = await fetch(`${frontUrl}/api/payment/orders/${orderNo}/events`, { signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store, no-transform");
    expectApiSecurityHeaders(response.headers);
    await waitFor("the stream is watched", () => watchers.watcherCount() === before + 1);
    controller.abort();
    await waitFor("the watcher is gone", () => watchers.watcherCount() === before);
  });
});

describe("notifies in front of Next", () => {
  test("a genuine WeChat notify is verified, applied once and acknowledged; its duplicate changes nothing", async () => {
    const { orderNo } = await createWechatOrder();
    const notify = emu.buildWechatTestNotify({ outTradeNo: orderNo, totalFen: 5000 });
    const send = () => fetch(`${frontUrl}/api/payment/wechat/notify`, { method: "POST", headers: notify.headers, body: notify.body });
    const first = await send();
    expect(first.status).toBeLessThan(300);
    expectApiSecurityHeaders(first.headers);
    const order = (await orders.getOrderByNo(db.getDb(), orderNo))!;
    expect(order.status).toBe("paid");
    expect((await send()).status).toBeLessThan(300);
    const changes = (await orders.orderEventsOf(db.getDb(), order.id)).filter((e) => e.type === "state_change");
    expect(changes).toHaveLength(1);
    expect(passedOn.filter((r) => r.includes("notify"))).toEqual([]);
  });

  test("a forged notify is refused in WeChat's shape and nothing is applied", async () => {
    const { orderNo } = await createWechatOrder();
    const forged = emu.buildWechatTestNotify({ outTradeNo: orderNo, totalFen: 5000, corruption: "bad_signature" });
    const response = await fetch(`${frontUrl}/api/payment/wechat/notify`, { method: "POST", headers: forged.headers, body: forged.body });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(await response.json()).toMatchObject({ code: "FAIL" });
    expect((await orders.getOrderByNo(db.getDb(), orderNo))!.status).toBe("pending");
  });

  test.each(["/api/payment/wechat/notify", "/api/payment/alipay/notify/1"])("%s refuses a body over the limit with 413, as under Next", async (route) => {
    const response = await fetch(`${frontUrl}${route}`, { method: "POST", headers: { "content-type": "application/json" }, body: "x".repeat(64 * 1024 + 1) });
    expect(response.status).toBe(413);
    if (route.includes("wechat")) expect(await response.json()).toEqual({ code: "FAIL", message: "payload too large" });
    else expect(await response.text()).toBe("fail");
    expect(passedOn.filter((r) => r.includes("notify"))).toEqual([]);
  });

  test("an account id that is not a number goes on to Next", async () => {
    passedOn.length = 0;
    expect((await fetch(`${frontUrl}/api/payment/wechat/notify/abc`, { method: "POST", body: "{}" })).status).toBe(418);
    expect(passedOn).toEqual(["POST /api/payment/wechat/notify/abc"]);
  });
});
