// WeChat refund objects and notify resources → RefundFact, fed with real-looking payloads.
import { describe, expect, test } from "vitest";
import { refundNotFoundFact, refundResourceToFact, RefundShapeError, toRefundFact } from "./refund-transform";

function refundObject(overrides: Record<string, unknown> = {}) {
  return {
    refund_id: "50000000382019052709732678859",
    out_refund_no: "R20261122160000001",
    transaction_id: "4200000000202611220000000001",
    out_trade_no: "20261122152935123456789",
    channel: "ORIGINAL",
    user_received_account: "支付用户零钱",
    success_time: "2026-11-22T16:00:05+08:00",
    create_time: "2026-11-22T16:00:00+08:00",
    status: "SUCCESS",
    funds_account: "AVAILABLE",
    amount: { total: 50, refund: 30, from: [], payer_total: 50, payer_refund: 30, settlement_refund: 30, settlement_total: 50, discount_refund: 0, currency: "CNY", refund_fee: 0 },
    promotion_detail: [],
    ...overrides,
  };
}

describe("toRefundFact", () => {
  test.each([
    ["SUCCESS", "succeeded"],
    ["PROCESSING", "processing"],
    ["CLOSED", "closed"],
    ["ABNORMAL", "abnormal"],
  ])("status %s is %s", (status, expected) => {
    const success_time = status === "SUCCESS" ? "2026-11-22T16:00:05+08:00" : undefined;
    expect(toRefundFact(refundObject({ status, success_time }), "query")).toMatchObject({ kind: "refund", status: expected });
  });

  test("a successful refund: numbers, fen and the success time", () => {
    expect(toRefundFact(refundObject(), "query")).toEqual({
      kind: "refund",
      refundNo: "R20261122160000001",
      orderNo: "20261122152935123456789",
      status: "succeeded",
      platformRefundId: "50000000382019052709732678859",
      refundFen: 30,
      succeededAt: new Date("2026-11-22T08:00:05Z"),
      source: "query",
    });
  });

  test.each([
    ["SUCCESS without success_time", { success_time: undefined }],
    ["a bad success_time", { success_time: "2026-11-22 16:00:05" }],
    ["another currency", { amount: { total: 50, refund: 30, currency: "USD" } }],
    ["fractional fen", { amount: { total: 50, refund: 0.3, currency: "CNY" } }],
    ["an unknown status", { status: "REFUNDED" }],
    ["no refund_id", { refund_id: undefined }],
  ])("%s is a RefundShapeError", (_label, change) => {
    expect(() => toRefundFact(refundObject(change), "query")).toThrow(RefundShapeError);
  });
});

describe("refundResourceToFact", () => {
  test("a notify resource carries the merchant id it came for", () => {
    const fact = refundResourceToFact({
      mchid: "1900000109",
      transaction_id: "4200000000202611220000000001",
      out_trade_no: "20261122152935123456789",
      refund_id: "50000000382019052709732678859",
      out_refund_no: "R20261122160000001",
      refund_status: "ABNORMAL",
      user_received_account: "招商银行信用卡0403",
      amount: { total: 50, refund: 30, payer_total: 50, payer_refund: 30 },
    });
    expect(fact).toMatchObject({ kind: "refund", status: "abnormal", merchantId: "1900000109", refundFen: 30, source: "notify", succeededAt: undefined });
  });
});

test("refundNotFoundFact", () => {
  expect(refundNotFoundFact("R1", "O1", "query")).toEqual({ kind: "refund_not_found", refundNo: "R1", orderNo: "O1", source: "query" });
});
