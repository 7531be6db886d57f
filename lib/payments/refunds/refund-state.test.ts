// The refund state machine and the amount reservation on a real SQLite file, without a platform:
// facts are handed in as a notify or query would give them.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";

process.env.DATABASE_URL = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "refund-state-")), "app.db");

const { getDb } = await import("@/db/client");
const { getOrderByNo, orderEventsOf } = await import("@/db/queries/orders");
const { getRefundByNo, insertRefund, reserveRefund } = await import("@/db/queries/refunds");
const { getSubmission } = await import("@/db/queries/submissions");
const { applyFact } = await import("../order-state");
const { applyRefundFact, closeRefusedRefund } = await import("./refund-state");
const { newRefundNo, REFUND_NO } = await import("./refund-no");
const { makePendingOrder } = await import("@/test/fixtures");
import type { RefundFact, RefundStatus } from "../types";

beforeAll(() => {
  getDb();
});

async function paidOrder() {
  const order = await makePendingOrder();
  await applyFact({
    kind: "paid",
    orderNo: order.orderNo,
    platformTradeNo: `4200${order.orderNo}`,
    amountFen: 5000,
    paidAt: new Date(),
    appId: order.appId,
    merchantId: order.merchantId,
    source: "notify",
  });
  return (await getOrderByNo(getDb(), order.orderNo))!;
}

/** What the request does in its transaction: reserve, then insert the pending refund. */
async function reserved(orderId: number, amountFen: number) {
  if (!(await reserveRefund(getDb(), orderId, amountFen))) return null;
  const now = Date.now();
  return insertRefund(getDb(), {
    refundNo: newRefundNo(),
    orderId,
    amountFen,
    reason: "测试",
    status: "pending",
    requestedByName: "admin",
    nextCheckAt: now,
    createdAt: now,
    updatedAt: now,
  });
}

function fact(refundNo: string, orderNo: string, status: RefundStatus, refundFen: number, extra: Partial<RefundFact> = {}): RefundFact {
  return { kind: "refund", refundNo, orderNo, status, refundFen, platformRefundId: "5030001", succeededAt: new Date(), source: "notify", ...extra } as RefundFact;
}

const orderOf = async (orderNo: string) => (await getOrderByNo(getDb(), orderNo))!;

describe("the reservation", () => {
  test.each([
    ["the whole amount", [5000], [true]],
    ["two parts that fit", [3000, 2000], [true, true]],
    ["a part past the remainder", [3000, 2001], [true, false]],
    ["one fen too many", [5001], [false]],
  ])("%s", async (_label, amounts, expected) => {
    const order = await paidOrder();
    const results = [];
    for (const amountFen of amounts) results.push(await reserveRefund(getDb(), order.id, amountFen));
    expect(results).toEqual(expected);
    const reservedFen = amounts.filter((_, i) => expected[i]).reduce((a, b) => a + b, 0);
    expect((await orderOf(order.orderNo)).refundingFen).toBe(reservedFen);
  });

  test("a pending order takes no reservation", async () => {
    const order = await makePendingOrder();
    expect(await reserveRefund(getDb(), order.id, 100)).toBe(false);
  });

  test("refund numbers suit both platforms", () => {
    const no = newRefundNo();
    expect(no).toMatch(REFUND_NO);
    expect(no).toMatch(/^[0-9A-Za-z_-]{1,64}$/);
  });
});

describe("applyRefundFact", () => {
  test("pending → processing → succeeded moves the amount from in flight to refunded, once", async () => {
    const order = await paidOrder();
    const refund = (await reserved(order.id, 3000))!;
    expect((await applyRefundFact(fact(refund.refundNo, order.orderNo, "processing", 3000))).outcome).toBe("applied");
    expect((await getRefundByNo(getDb(), refund.refundNo))!.status).toBe("processing");
    expect((await applyRefundFact(fact(refund.refundNo, order.orderNo, "succeeded", 3000))).outcome).toBe("applied");
    expect((await applyRefundFact(fact(refund.refundNo, order.orderNo, "succeeded", 3000))).outcome).toBe("already_applied");
    expect(await orderOf(order.orderNo)).toMatchObject({ status: "partially_refunded", refundedFen: 3000, refundingFen: 0 });
    const row = (await getRefundByNo(getDb(), refund.refundNo))!;
    expect(row).toMatchObject({ status: "succeeded", platformRefundId: "5030001", nextCheckAt: null });
    expect(row.succeededAt).not.toBeNull();
  });

  test("the last part makes the order refunded and gives the submission's place back", async () => {
    const order = await paidOrder();
    const a = (await reserved(order.id, 3000))!;
    const b = (await reserved(order.id, 2000))!;
    await applyRefundFact(fact(a.refundNo, order.orderNo, "succeeded", 3000));
    expect((await getSubmission(getDb(), order.submissionId))!.paymentStatus).toBe("paid");
    await applyRefundFact(fact(b.refundNo, order.orderNo, "succeeded", 2000));
    expect(await orderOf(order.orderNo)).toMatchObject({ status: "refunded", refundedFen: 5000, refundingFen: 0 });
    expect((await getSubmission(getDb(), order.submissionId))!.paymentStatus).toBe("refunded");
    const changes = (await orderEventsOf(getDb(), order.id)).filter((e) => e.type === "state_change").map((e) => e.message);
    expect(changes.slice(-2)).toEqual(["已支付 → 部分退款（退款成功）", "部分退款 → 已退款（退款成功）"]);
  });

  test.each(["closed", "abnormal"] as const)("%s gives the reservation back; a later success still counts (abnormal only)", async (status) => {
    const order = await paidOrder();
    const refund = (await reserved(order.id, 5000))!;
    expect((await applyRefundFact(fact(refund.refundNo, order.orderNo, status, 5000))).outcome).toBe("applied");
    expect(await orderOf(order.orderNo)).toMatchObject({ status: "paid", refundingFen: 0, refundedFen: 0 });
    const later = await applyRefundFact(fact(refund.refundNo, order.orderNo, "succeeded", 5000));
    if (status === "abnormal") {
      expect(later.outcome).toBe("applied");
      expect(await orderOf(order.orderNo)).toMatchObject({ status: "refunded", refundedFen: 5000, refundingFen: 0 });
    } else {
      expect(later.outcome).toBe("already_applied");
      expect(await orderOf(order.orderNo)).toMatchObject({ status: "paid", refundedFen: 0 });
    }
  });

  test("a refused create closes the refund and frees its amount", async () => {
    const order = await paidOrder();
    const refund = (await reserved(order.id, 5000))!;
    expect(await closeRefusedRefund(refund.refundNo, "订单已全额退款")).toBe(true);
    expect((await getRefundByNo(getDb(), refund.refundNo))!).toMatchObject({ status: "closed" });
    expect(await orderOf(order.orderNo)).toMatchObject({ refundingFen: 0 });
    expect(await reserveRefund(getDb(), order.id, 5000)).toBe(true);
  });

  test.each([
    ["another amount", { refundFen: 2999 }],
    ["another merchant", { merchantId: "1900000000" }],
    ["another app", { appId: "wx0000000000000000" }],
  ])("a fact with %s is an anomaly and changes nothing", async (_label, extra) => {
    const order = await paidOrder();
    const refund = (await reserved(order.id, 3000))!;
    const outcome = await applyRefundFact({ ...fact(refund.refundNo, order.orderNo, "succeeded", 3000), ...extra } as RefundFact);
    expect(outcome.outcome).toBe("anomaly");
    expect(await orderOf(order.orderNo)).toMatchObject({ status: "paid", refundedFen: 0, refundingFen: 3000, hasAnomaly: true });
    expect((await getRefundByNo(getDb(), refund.refundNo))!.status).toBe("pending");
  });

  test("a refund number of another order is not applied to this one", async () => {
    const one = await paidOrder();
    const other = await paidOrder();
    const refund = (await reserved(one.id, 1000))!;
    expect((await applyRefundFact(fact(refund.refundNo, other.orderNo, "succeeded", 1000))).outcome).toBe("anomaly");
    expect(await orderOf(one.orderNo)).toMatchObject({ refundedFen: 0 });
    expect(await orderOf(other.orderNo)).toMatchObject({ refundedFen: 0 });
  });

  test("unknown refund numbers are reported, not applied", async () => {
    const order = await paidOrder();
    expect((await applyRefundFact(fact("R000", order.orderNo, "succeeded", 100))).outcome).toBe("unknown_refund");
  });

  test("closed and paid facts never move a refunded order", async () => {
    const order = await paidOrder();
    const refund = (await reserved(order.id, 5000))!;
    await applyRefundFact(fact(refund.refundNo, order.orderNo, "succeeded", 5000));
    expect((await applyFact({ kind: "closed", orderNo: order.orderNo, source: "query" })).outcome).toBe("no_change");
    const paid = await applyFact({
      kind: "paid",
      orderNo: order.orderNo,
      platformTradeNo: order.platformTradeNo!,
      amountFen: 5000,
      paidAt: new Date(),
      appId: order.appId,
      source: "query",
    });
    expect(paid.outcome).toBe("already_applied");
    expect(await orderOf(order.orderNo)).toMatchObject({ status: "refunded", refundedFen: 5000, closedAt: null });
  });
});
