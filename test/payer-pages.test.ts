// The payer side of issue 11: phone numbers as people write them are normalised and stored as
// 11 digits; a choice left empty says 请选择; the receipt is found again by order number and
// the phone's last four digits (same answer for every miss, rate-limited).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_ANSWERS, startHarness, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

async function storedAnswers(orderNo: string) {
  const { getDb } = await import("@/db/client");
  const { getOrderByNo } = await import("@/db/queries/orders");
  const { getSubmission } = await import("@/db/queries/submissions");
  const order = (await getOrderByNo(getDb(), orderNo))!;
  return JSON.parse((await getSubmission(getDb(), order.submissionId))!.answersJson) as Record<string, unknown>;
}

describe("phone numbers", () => {
  test.each(["+86 138 0013 8000", "138-0013-8000", "１３８００１３８０００"])("%s is taken and stored as 13800138000", async (phone) => {
    const res = await h.postJson("/api/payment/orders", { formSlug: "demo", answers: { ...DEMO_ANSWERS, phone }, provider: "wechat" }, { "x-forwarded-for": `198.51.100.${phone.length}` });
    expect(res.status, await res.clone().text()).toBe(201);
    const { orderNo } = (await res.json()) as { orderNo: string };
    expect((await storedAnswers(orderNo)).phone).toBe("13800138000");
  });

  test("a choice left empty asks to choose", async () => {
    const res = await h.postJson("/api/payment/orders", { formSlug: "demo", answers: { name: "张三", phone: "13800138000" }, provider: "wechat" });
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: { details: Array<{ field: string; issue: string }> } };
    expect(error.details.find((d) => d.field === "session")?.issue).toMatch(/^请选择/);
  });
});

describe("finding a receipt again", () => {
  test("order number plus the phone's last four digits leads to the receipt; a miss says the same for every cause", async () => {
    const res = await h.postJson("/api/payment/orders", { formSlug: "demo", answers: { ...DEMO_ANSWERS, phone: "13912345678" }, provider: "wechat" });
    const { orderNo } = (await res.json()) as { orderNo: string };
    const ok = await h.postJson("/api/payment/receipt-lookup", { orderNo, phoneLast4: "5678" });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ payPageUrl: `/pay/${orderNo}` });
    const wrongPhone = await h.postJson("/api/payment/receipt-lookup", { orderNo, phoneLast4: "0000" });
    const wrongOrder = await h.postJson("/api/payment/receipt-lookup", { orderNo: "202601010000000000000000", phoneLast4: "5678" });
    expect(wrongPhone.status).toBe(404);
    expect(wrongOrder.status).toBe(404);
    expect(((await wrongPhone.json()) as { error: { message: string } }).error.message).toBe(((await wrongOrder.json()) as { error: { message: string } }).error.message);
    expect((await h.postJson("/api/payment/receipt-lookup", { orderNo, phoneLast4: "56" })).status).toBe(422);
  });

  test("guessing is rate-limited per order number", async () => {
    const res = await h.postJson("/api/payment/orders", { formSlug: "demo", answers: { ...DEMO_ANSWERS, phone: "13700001111" }, provider: "wechat" });
    const { orderNo } = (await res.json()) as { orderNo: string };
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const guess = await h.postJson("/api/payment/receipt-lookup", { orderNo, phoneLast4: String(1000 + i) }, { "x-forwarded-for": `203.0.113.${i + 1}` });
      statuses.push(guess.status);
    }
    expect(statuses.slice(0, 5).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });
});
