// Order creation and pay-again are rate-limited per client IP and per payer (issue 7): the next
// request past the limit is a 429 with Retry-After and a Chinese message, counted in the database.
import { afterAll, beforeAll, expect, test } from "vitest";
import { DEMO_ANSWERS, startHarness, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { ORDER_RATE_LIMIT_PER_IP: "5", ORDER_RATE_LIMIT_PER_PAYER: "3", ORDER_RATE_LIMIT_WINDOW_SECONDS: "600", TRUST_PROXY: "1" } });
});
afterAll(() => h.close());

const create = (phone: string, ip: string) =>
  h.postJson("/api/payment/orders", { formSlug: "demo", answers: { ...DEMO_ANSWERS, phone }, provider: "wechat" }, { "X-Forwarded-For": ip });

test("one payer (phone) gets 3 orders, then 429 with Retry-After, from any address", async () => {
  for (let i = 0; i < 3; i++) expect((await create("13900000001", `10.0.0.${i + 1}`)).status).toBe(201);
  const limited = await create("13900000001", "10.0.0.9");
  expect(limited.status).toBe(429);
  const retryAfter = Number(limited.headers.get("Retry-After"));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(600);
  const body = (await limited.json()) as { error: { code: string; message: string } };
  expect(body.error).toMatchObject({ code: "too_many_requests", message: "操作太频繁，请稍后再试" });
});

test("one address gets 5 orders whatever the phones, then 429; another address is not affected", async () => {
  const statuses = [];
  for (let i = 0; i < 6; i++) statuses.push((await create(`1370000000${i}`, "10.0.1.1")).status);
  expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
  expect((await create("13600000000", "10.0.1.2")).status).toBe(201);
});

test("pay-again counts against the same limits: 3 per submission", async () => {
  const first = (await (await create("13500000000", "10.0.2.1")).json()) as { orderNo: string };
  const statuses = [];
  for (let i = 0; i < 4; i++) {
    const r = await h.postJson(`/api/payment/orders/${first.orderNo}/pay-again`, { provider: "wechat" }, { "X-Forwarded-For": "10.0.2.1" });
    statuses.push(r.status);
  }
  expect(statuses).toEqual([201, 201, 201, 429]);
});
