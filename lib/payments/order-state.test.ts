import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";

process.env.DATABASE_URL = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "order-state-")), "app.db");

const { getDb } = await import("@/db/client");
const { getOrderByNo, orderEventsOf } = await import("@/db/queries/orders");
const { getSubmission } = await import("@/db/queries/submissions");
const { applyFact, markCreateFailed } = await import("./order-state");
const { makePendingOrder } = await import("@/test/fixtures");
import type { PaymentFact } from "./types";

function paidFact(orderNo: string, overrides: Partial<Extract<PaymentFact, { kind: "paid" }>> = {}): PaymentFact {
  return {
    kind: "paid",
    orderNo,
    platformTradeNo: `4200${orderNo}`,
    amountFen: 5000,
    paidAt: new Date("2026-11-26T12:00:00Z"),
    appId: "wxd678efh567hg6787",
    merchantId: "1900000109",
    source: "notify",
    ...overrides,
  };
}

beforeAll(() => {
  getDb();
});

describe("applyFact", () => {
  test("a paid fact moves a pending order to paid and marks its submission paid", async () => {
    const order = await makePendingOrder();
    expect((await applyFact(paidFact(order.orderNo))).outcome).toBe("applied");
    const after = (await getOrderByNo(getDb(), order.orderNo))!;
    expect(after.status).toBe("paid");
    expect(after.platformTradeNo).toBe(`4200${order.orderNo}`);
    expect(after.paidAt).toBe(Date.parse("2026-11-26T12:00:00Z"));
    expect(after.latePayment).toBe(false);
    expect((await getSubmission(getDb(), order.submissionId))!.paymentStatus).toBe("paid");
  });

  test("the same fact twenty times applies once", async () => {
    const order = await makePendingOrder();
    const outcomes = await Promise.all(Array.from({ length: 20 }, async () => (await applyFact(paidFact(order.orderNo))).outcome));
    expect(outcomes.filter((o) => o === "applied")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "already_applied")).toHaveLength(19);
    const changes = (await orderEventsOf(getDb(), order.id)).filter((e) => e.type === "state_change");
    expect(changes).toHaveLength(1);
  });

  test.each([
    ["amount", { amountFen: 4999 }],
    ["app id", { appId: "wx0000000000000000" }],
    ["merchant", { merchantId: "1900000000" }],
  ])("a fact with the wrong %s is recorded as an anomaly and not applied", async (_label, overrides) => {
    const order = await makePendingOrder();
    expect((await applyFact(paidFact(order.orderNo, overrides))).outcome).toBe("anomaly");
    const after = (await getOrderByNo(getDb(), order.orderNo))!;
    expect(after.status).toBe("pending");
    expect(after.hasAnomaly).toBe(true);
    expect((await orderEventsOf(getDb(), order.id)).some((e) => e.type === "anomaly")).toBe(true);
  });

  test("a closed fact after payment does not unpay", async () => {
    const order = await makePendingOrder();
    await applyFact(paidFact(order.orderNo));
    expect((await applyFact({ kind: "closed", orderNo: order.orderNo, source: "notify" })).outcome).toBe("no_change");
    expect((await getOrderByNo(getDb(), order.orderNo))!.status).toBe("paid");
  });

  test("a payment after close is applied and flagged as late", async () => {
    const order = await makePendingOrder();
    expect((await applyFact({ kind: "closed", orderNo: order.orderNo, source: "close" })).outcome).toBe("applied");
    expect((await getOrderByNo(getDb(), order.orderNo))!.status).toBe("closed");
    expect((await applyFact(paidFact(order.orderNo))).outcome).toBe("applied");
    const after = (await getOrderByNo(getDb(), order.orderNo))!;
    expect(after.status).toBe("paid");
    expect(after.latePayment).toBe(true);
    expect(after.hasAnomaly).toBe(true);
  });

  test("create failure moves pending to failed once; a late payment still lands", async () => {
    const order = await makePendingOrder();
    expect(await markCreateFailed(order, "SYSTEM_ERROR")).toBe(true);
    expect(await markCreateFailed(order, "again")).toBe(false);
    expect((await getOrderByNo(getDb(), order.orderNo))!.status).toBe("failed");
    expect((await applyFact(paidFact(order.orderNo))).outcome).toBe("applied");
    expect((await getOrderByNo(getDb(), order.orderNo))!.latePayment).toBe(true);
  });

  test("unpaid and not-found facts change nothing; an unknown order is reported", async () => {
    const order = await makePendingOrder();
    expect((await applyFact({ kind: "unpaid", orderNo: order.orderNo, source: "query" })).outcome).toBe("no_change");
    expect((await applyFact({ kind: "not_found", orderNo: order.orderNo, source: "query" })).outcome).toBe("no_change");
    expect((await applyFact(paidFact("20260101000000999999"))).outcome).toBe("unknown_order");
    expect((await getOrderByNo(getDb(), order.orderNo))!.status).toBe("pending");
  });
});

describe("transitionOrder (prepared per shape)", () => {
  test("sets only the columns given, leaves undefined ones alone, and refuses from a state not listed", async () => {
    const { transitionOrder } = await import("@/db/queries/orders");
    const order = await makePendingOrder();
    expect(await transitionOrder(getDb(), order.id, ["pending"], { status: "failed", failureReason: "平台无应答" })).toBe(true);
    // Same shape as above, now from a state the order is not in: no change.
    expect(await transitionOrder(getDb(), order.id, ["pending"], { status: "failed", failureReason: "另一个原因" })).toBe(false);
    expect(await transitionOrder(getDb(), order.id, ["failed"], { status: "closed", failureReason: undefined, closedAt: 1234 })).toBe(true);
    const after = (await getOrderByNo(getDb(), order.orderNo))!;
    expect(after).toMatchObject({ status: "closed", failureReason: "平台无应答", closedAt: 1234 });
  });
});
