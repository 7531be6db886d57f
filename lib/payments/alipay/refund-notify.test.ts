// The notifies a refund causes (the trade's own trade_status_sync, with refund fields) → refund
// news, never a payment fact or a close. Pure: signed with the fixture's "Alipay" key.
import { describe, expect, test } from "vitest";
import { NotifyRejectedError } from "../types";
import { fixtureKeys, publicKeyOf, TEST_APP_ID, TEST_SELLER_ID } from "./__fixtures__/keys";
import { parseTradeNotify, type InboundCheck } from "./notify";
import { refundAnswerToFact, refundQueryToFact } from "./refund";
import { NOTIFY_EXCLUDE, rsa2Sign, signContent, type Params } from "./sign";

const keys = fixtureKeys();
const check: InboundCheck = { appId: TEST_APP_ID, sellerId: TEST_SELLER_ID, alipayPublicKey: publicKeyOf(keys.alipayPublicPem) };
const ORDER_NO = "20261122153000123456789";

const PAID: Params = {
  notify_time: "2026-11-22 16:00:01",
  notify_type: "trade_status_sync",
  notify_id: "2026112200222160001046880500000009",
  app_id: TEST_APP_ID,
  auth_app_id: TEST_APP_ID,
  charset: "utf-8",
  version: "1.0",
  sign_type: "RSA2",
  trade_no: "2026112222001446880500000001",
  out_trade_no: ORDER_NO,
  trade_status: "TRADE_SUCCESS",
  total_amount: "0.50",
  receipt_amount: "0.50",
  buyer_pay_amount: "0.50",
  seller_id: TEST_SELLER_ID,
  buyer_logon_id: "159****5620",
  gmt_create: "2026-11-22 15:29:40",
  gmt_payment: "2026-11-22 15:30:05",
  subject: "报名费",
};
const PARTIAL: Params = { ...PAID, refund_fee: "0.30", gmt_refund: "2026-11-22 16:00:00.320", out_biz_no: "RF1" };
const FULL: Params = { ...PAID, trade_status: "TRADE_CLOSED", gmt_close: "2026-11-22 16:05:00", refund_fee: "0.50", gmt_refund: "2026-11-22 16:05:00.007", out_biz_no: "RF2" };

const sign = (fields: Params, key = keys.alipayPrivatePem): string =>
  new URLSearchParams({ ...fields, sign: rsa2Sign(signContent(fields, NOTIFY_EXCLUDE), key) }).toString();

function refused(body: string): NotifyRejectedError {
  try {
    parseTradeNotify(body, check);
  } catch (error) {
    expect(error).toBeInstanceOf(NotifyRejectedError);
    return error as NotifyRejectedError;
  }
  throw new Error("expected a refusal");
}

describe("refund notifies", () => {
  test("a partial refund: TRADE_SUCCESS with refund_fee → refund news, not a payment", () => {
    expect(parseTradeNotify(sign(PARTIAL), check)).toEqual({
      kind: "refund_notice",
      notifyId: PAID.notify_id,
      notice: {
        notifyId: PAID.notify_id,
        refundNo: "RF1",
        orderNo: ORDER_NO,
        platformTradeNo: PAID.trade_no,
        refundedTotalFen: 30,
        refundedAt: new Date("2026-11-22T08:00:00.320Z"),
        appId: TEST_APP_ID,
        sellerId: TEST_SELLER_ID,
      },
    });
  });

  test("a full refund: TRADE_CLOSED with refund fields → refund news, never a close", () => {
    const parsed = parseTradeNotify(sign(FULL), check);
    expect(parsed.kind).toBe("refund_notice");
    expect(parsed.kind === "refund_notice" && parsed.notice).toMatchObject({ refundNo: "RF2", refundedTotalFen: 50, refundedAt: new Date("2026-11-22T08:05:00.007Z") });
  });

  test("any one refund field marks refund news; a refund without out_request_no is numbered by the out_trade_no", () => {
    const { out_biz_no: _o, gmt_refund: _g, ...onlyFee } = PARTIAL;
    const parsed = parseTradeNotify(sign(onlyFee), check);
    expect(parsed.kind === "refund_notice" && parsed.notice).toMatchObject({ refundNo: ORDER_NO, refundedTotalFen: 30, refundedAt: undefined });
  });

  test("the same fields without refund fields are still payment news (and an unpaid close a close)", () => {
    expect(parseTradeNotify(sign(PAID), check)).toMatchObject({ kind: "payment", fact: { kind: "paid", amountFen: 50 } });
    const { refund_fee: _f, gmt_refund: _g, out_biz_no: _o, receipt_amount: _r, buyer_pay_amount: _b, gmt_payment: _p, ...closed } = FULL;
    expect(parseTradeNotify(sign(closed), check)).toMatchObject({ kind: "payment", fact: { kind: "closed" } });
  });

  test.each([
    ["forged (another key)", () => sign(PARTIAL, keys.roguePrivatePem), "SIGN_ERROR"],
    ["with refund_fee raised after signing", () => sign(PARTIAL).replace("refund_fee=0.30", "refund_fee=0.50"), "SIGN_ERROR"],
    ["with out_biz_no changed after signing", () => sign(PARTIAL).replace("out_biz_no=RF1", "out_biz_no=RF9"), "SIGN_ERROR"],
    ["from another app", () => sign({ ...PARTIAL, app_id: "2021000000009999" }), "APP_ID_MISMATCH"],
    ["to another seller", () => sign({ ...PARTIAL, seller_id: "2088000000009999" }), "SELLER_MISMATCH"],
    ["with a malformed refund_fee (signed)", () => sign({ ...PARTIAL, refund_fee: "0.305" }), "MALFORMED"],
    ["with a malformed gmt_refund (signed)", () => sign({ ...PARTIAL, gmt_refund: "2026-11-22T16:00:00" }), "MALFORMED"],
    ["with refund fields but no refund_fee (signed)", () => sign({ ...PAID, out_biz_no: "RF1" }), "MALFORMED"],
    ["with WAIT_BUYER_PAY and refund fields (signed)", () => sign({ ...PARTIAL, trade_status: "WAIT_BUYER_PAY" }), "MALFORMED"],
  ])("a refund notify %s is refused", (_label, build, code) => {
    expect(refused(build()).code).toBe(code);
  });
});

describe("refund answers", () => {
  const request = { refundNo: "RF1", orderNo: ORDER_NO, refundFen: 30, totalFen: 50, reason: "活动取消" };
  const answer = { code: "10000", msg: "Success", fund_change: "Y", gmt_refund_pay: "2026-11-22 16:00:00", out_trade_no: ORDER_NO, refund_fee: "0.30", trade_no: PAID.trade_no };

  test("fund_change Y → succeeded with the amount asked; N → null (to be confirmed by a query)", () => {
    expect(refundAnswerToFact(answer, request, TEST_APP_ID)).toEqual({
      kind: "refund",
      refundNo: "RF1",
      orderNo: ORDER_NO,
      status: "succeeded",
      platformRefundId: PAID.trade_no,
      refundFen: 30,
      succeededAt: new Date("2026-11-22T08:00:00Z"),
      appId: TEST_APP_ID,
      source: "query",
    });
    expect(refundAnswerToFact({ ...answer, fund_change: "N" }, request, TEST_APP_ID)).toBeNull();
  });

  test("an answer about another trade, a cumulative below this refund, a bad amount: refused", () => {
    expect(() => refundAnswerToFact({ ...answer, out_trade_no: "OTHER" }, request, TEST_APP_ID)).toThrow(/另一笔交易/);
    expect(() => refundAnswerToFact({ ...answer, refund_fee: "0.29" }, request, TEST_APP_ID)).toThrow(/少于本次退款/);
    expect(() => refundAnswerToFact({ ...answer, refund_fee: "0.3O" }, request, TEST_APP_ID)).toThrow(/退款应答格式不正确/);
  });

  test("query: REFUND_SUCCESS → succeeded with the refund's own amount; no refund_status → not found", () => {
    const input = { refundNo: "RF1", orderNo: ORDER_NO };
    const found = { code: "10000", msg: "Success", out_request_no: "RF1", out_trade_no: ORDER_NO, refund_amount: "0.30", refund_status: "REFUND_SUCCESS", total_amount: "0.50", trade_no: PAID.trade_no };
    expect(refundQueryToFact(found, input, TEST_APP_ID)).toMatchObject({ kind: "refund", status: "succeeded", refundFen: 30, platformRefundId: PAID.trade_no });
    expect(refundQueryToFact({ code: "10000", msg: "Success" }, input, TEST_APP_ID)).toEqual({ kind: "refund_not_found", refundNo: "RF1", orderNo: ORDER_NO, source: "query" });
    expect(() => refundQueryToFact({ ...found, out_request_no: "RF2" }, input, TEST_APP_ID)).toThrow(/另一笔退款/);
    expect(() => refundQueryToFact({ ...found, refund_status: "REFUND_FAILED" }, input, TEST_APP_ID)).toThrow(/未知的 refund_status/);
    expect(() => refundQueryToFact({ ...found, refund_amount: undefined }, input, TEST_APP_ID)).toThrow(/缺少 refund_amount/);
  });
});
