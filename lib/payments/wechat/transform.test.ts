import { describe, expect, test } from "vitest";
import { paidTransaction } from "./__fixtures__/platform";
import { notFoundFact, toPaymentFact, TransactionShapeError } from "./transform";

// Shapes as the query API and decrypted notifies return them (values are fake).
const SUCCESS = paidTransaction({
  promotion_detail: [],
  scene_info: { device_id: "" },
});

const NOTPAY = {
  amount: { payer_currency: "CNY", total: 1230 },
  appid: "wxd678efh567hg6787",
  mchid: "1900000109",
  out_trade_no: "20261122152935123456789",
  promotion_detail: [],
  scene_info: { device_id: "" },
  trade_state: "NOTPAY",
  trade_state_desc: "订单未支付",
};

const CLOSED = { ...NOTPAY, trade_state: "CLOSED", trade_state_desc: "订单已关闭" };

const REFUND = paidTransaction({ trade_state: "REFUND", trade_state_desc: "转入退款" });

describe("toPaymentFact", () => {
  test("SUCCESS is paid: fen, transaction_id, RFC 3339 success_time, appid, mchid", () => {
    expect(toPaymentFact(SUCCESS, "query")).toEqual({
      kind: "paid",
      orderNo: "20261122152935123456789",
      platformTradeNo: "4200000000202611220000000001",
      amountFen: 1230,
      paidAt: new Date("2026-11-22T07:29:35.000Z"),
      appId: "wxd678efh567hg6787",
      merchantId: "1900000109",
      source: "query",
    });
  });

  test("REFUND is still paid (paid first, refunded later)", () => {
    expect(toPaymentFact(REFUND, "notify")).toMatchObject({ kind: "paid", amountFen: 1230, source: "notify" });
  });

  test.each([
    ["NOTPAY", NOTPAY, "unpaid"],
    ["USERPAYING", { ...NOTPAY, trade_state: "USERPAYING" }, "unpaid"],
    ["CLOSED", CLOSED, "closed"],
    ["REVOKED", { ...NOTPAY, trade_state: "REVOKED" }, "closed"],
    ["PAYERROR", { ...NOTPAY, trade_state: "PAYERROR" }, "closed"],
  ])("%s → %s", (_state, payload, kind) => {
    expect(toPaymentFact(payload, "query")).toEqual({
      kind,
      orderNo: "20261122152935123456789",
      appId: "wxd678efh567hg6787",
      merchantId: "1900000109",
      source: "query",
    });
  });

  test("a success_time in UTC or with fractional seconds is read exactly", () => {
    const fact = toPaymentFact(paidTransaction({ success_time: "2026-11-22T07:29:35.250Z" }), "query");
    expect(fact.kind === "paid" && fact.paidAt.toISOString()).toBe("2026-11-22T07:29:35.250Z");
  });

  test.each([
    ["SUCCESS without transaction_id", paidTransaction({ transaction_id: undefined })],
    ["SUCCESS without success_time", paidTransaction({ success_time: undefined })],
    ["SUCCESS without amount", paidTransaction({ amount: undefined })],
    ["an amount in yuan", paidTransaction({ amount: { total: "12.30", currency: "CNY" } })],
    ["a fractional amount", paidTransaction({ amount: { total: 12.3, currency: "CNY" } })],
    ["a non-CNY amount", paidTransaction({ amount: { total: 1230, currency: "USD" } })],
    ["a success_time without offset", paidTransaction({ success_time: "2026-11-22 15:29:35" })],
    ["an unknown trade_state", { ...NOTPAY, trade_state: "PAID" }],
    ["no out_trade_no", { ...NOTPAY, out_trade_no: undefined }],
    ["no mchid", { ...NOTPAY, mchid: undefined }],
    ["not an object", "SUCCESS"],
  ])("rejects %s", (_label, payload) => {
    expect(() => toPaymentFact(payload, "query")).toThrow(TransactionShapeError);
  });
});

test("notFoundFact", () => {
  expect(notFoundFact("20261122152935123456789", "query")).toEqual({
    kind: "not_found",
    orderNo: "20261122152935123456789",
    source: "query",
  });
});
