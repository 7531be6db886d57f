import { describe, expect, test } from "vitest";
import { notFoundFact, notifyToFact, queryResponseToFact, TradeShapeError } from "./transform";

const APP_ID = "2021000000000001";

// Shapes as the gateway sends them (camelcase off), after the signature was checked.
const QUERY_PAID = {
  code: "10000",
  msg: "Success",
  buyer_logon_id: "159****5620",
  buyer_pay_amount: "12.30",
  buyer_user_id: "2088102177846880",
  invoice_amount: "12.30",
  out_trade_no: "20261122153000123456789",
  point_amount: "0.00",
  receipt_amount: "12.30",
  send_pay_date: "2026-11-22 15:30:00",
  total_amount: "12.30",
  trade_no: "2026112222001446880500000001",
  trade_status: "TRADE_SUCCESS",
};

const NOTIFY_PAID = {
  gmt_create: "2026-11-22 15:29:40",
  charset: "utf-8",
  seller_email: "shop@example.com",
  subject: "报名费-张三",
  buyer_id: "2088102177846880",
  invoice_amount: "12.30",
  notify_id: "2026112200222153005046880500000001",
  fund_bill_list: '[{"amount":"12.30","fundChannel":"ALIPAYACCOUNT"}]',
  notify_type: "trade_status_sync",
  trade_status: "TRADE_SUCCESS",
  receipt_amount: "12.30",
  app_id: APP_ID,
  buyer_pay_amount: "12.30",
  seller_id: "2088000000000001",
  gmt_payment: "2026-11-22 15:30:05",
  notify_time: "2026-11-22 15:30:06",
  version: "1.0",
  out_trade_no: "20261122153000123456789",
  total_amount: "12.30",
  trade_no: "2026112222001446880500000001",
  auth_app_id: APP_ID,
  buyer_logon_id: "159****5620",
  point_amount: "0.00",
};

describe("queryResponseToFact", () => {
  test("TRADE_SUCCESS → paid, with send_pay_date read as Beijing time", () => {
    expect(queryResponseToFact(QUERY_PAID, APP_ID)).toEqual({
      kind: "paid",
      orderNo: "20261122153000123456789",
      platformTradeNo: "2026112222001446880500000001",
      amountFen: 1230,
      paidAt: new Date("2026-11-22T07:30:00Z"),
      appId: APP_ID,
      source: "query",
    });
  });

  test("TRADE_FINISHED is paid too", () => {
    expect(queryResponseToFact({ ...QUERY_PAID, trade_status: "TRADE_FINISHED" }, APP_ID).kind).toBe("paid");
  });

  test("WAIT_BUYER_PAY → unpaid; TRADE_CLOSED → closed", () => {
    const waiting = { code: "10000", msg: "Success", out_trade_no: "A1", trade_no: "T1", trade_status: "WAIT_BUYER_PAY", total_amount: "12.30" };
    expect(queryResponseToFact(waiting, APP_ID)).toMatchObject({ kind: "unpaid", orderNo: "A1", appId: APP_ID, source: "query" });
    expect(queryResponseToFact({ ...waiting, trade_status: "TRADE_CLOSED" }, APP_ID)).toMatchObject({ kind: "closed", orderNo: "A1" });
  });

  test.each([
    ["no send_pay_date", { send_pay_date: undefined }],
    ["no trade_no", { trade_no: undefined }],
    ["no total_amount", { total_amount: undefined }],
    ["an unknown trade_status", { trade_status: "TRADE_PENDING" }],
    ["a send_pay_date that is not a date", { send_pay_date: "2026-02-30 10:00:00" }],
    ["an ISO send_pay_date", { send_pay_date: "2026-11-22T15:30:00+08:00" }],
    ["a code other than 10000", { code: "40004" }],
  ])("a paid answer with %s is refused", (_label, change) => {
    expect(() => queryResponseToFact({ ...QUERY_PAID, ...change }, APP_ID)).toThrow(TradeShapeError);
  });
});

describe("notifyToFact", () => {
  test("TRADE_SUCCESS → paid, with gmt_payment, app_id and seller_id", () => {
    expect(notifyToFact(NOTIFY_PAID)).toEqual({
      notifyId: "2026112200222153005046880500000001",
      appId: APP_ID,
      sellerId: "2088000000000001",
      fact: {
        kind: "paid",
        orderNo: "20261122153000123456789",
        platformTradeNo: "2026112222001446880500000001",
        amountFen: 1230,
        paidAt: new Date("2026-11-22T07:30:05Z"),
        appId: APP_ID,
        merchantId: "2088000000000001",
        source: "notify",
      },
    });
  });

  test("TRADE_CLOSED (an unpaid timeout: no gmt_payment) → closed", () => {
    const { gmt_payment: _paid, receipt_amount: _r, buyer_pay_amount: _b, ...closed } = NOTIFY_PAID;
    expect(notifyToFact({ ...closed, trade_status: "TRADE_CLOSED", gmt_close: "2026-11-22 15:45:00" }).fact).toEqual({
      kind: "closed",
      orderNo: "20261122153000123456789",
      appId: APP_ID,
      merchantId: "2088000000000001",
      source: "notify",
    });
  });

  test("TRADE_FINISHED → paid; WAIT_BUYER_PAY → unpaid", () => {
    expect(notifyToFact({ ...NOTIFY_PAID, trade_status: "TRADE_FINISHED" }).fact.kind).toBe("paid");
    expect(notifyToFact({ ...NOTIFY_PAID, trade_status: "WAIT_BUYER_PAY" }).fact.kind).toBe("unpaid");
  });

  test.each([["notify_id"], ["app_id"], ["out_trade_no"], ["trade_no"], ["trade_status"], ["total_amount"]])(
    "a notify without %s is refused",
    (field) => {
      const { [field as keyof typeof NOTIFY_PAID]: _gone, ...rest } = NOTIFY_PAID;
      expect(() => notifyToFact(rest)).toThrow(TradeShapeError);
    },
  );

  test("a paid notify without gmt_payment is refused", () => {
    const { gmt_payment: _gone, ...rest } = NOTIFY_PAID;
    expect(() => notifyToFact(rest)).toThrow(/gmt_payment/);
  });
});

describe("amounts", () => {
  test.each([
    ["0.01", 1],
    ["0.10", 10],
    ["0.1", 10],
    ["1.00", 100],
    ["12.30", 1230],
    ["99999.99", 9999999],
    ["100000000.00", 10000000000],
  ])("total_amount %s → %i fen exactly", (yuan, fen) => {
    expect(notifyToFact({ ...NOTIFY_PAID, total_amount: yuan }).fact).toMatchObject({ amountFen: fen });
    expect(queryResponseToFact({ ...QUERY_PAID, total_amount: yuan }, APP_ID)).toMatchObject({ amountFen: fen });
  });

  test.each([["1.005"], ["1e3"], ["-1"], [""], [" 1.00"], ["1,00"], ["01.00"], ["1."], [".5"], ["100000000.01"], ["NaN"]])(
    "total_amount %j is refused, never rounded",
    (yuan) => {
      expect(() => notifyToFact({ ...NOTIFY_PAID, total_amount: yuan })).toThrow(TradeShapeError);
      expect(() => queryResponseToFact({ ...QUERY_PAID, total_amount: yuan }, APP_ID)).toThrow(TradeShapeError);
    },
  );

  test("a malformed amount is refused even on an unpaid notify", () => {
    expect(() => notifyToFact({ ...NOTIFY_PAID, trade_status: "TRADE_CLOSED", total_amount: "1.005" })).toThrow(TradeShapeError);
  });
});

test("notFoundFact", () => {
  expect(notFoundFact("A1", "query")).toEqual({ kind: "not_found", orderNo: "A1", source: "query" });
});
