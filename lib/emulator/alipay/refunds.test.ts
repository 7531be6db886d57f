// alipay.trade.refund, alipay.trade.fastpay.refund.query and the notifies refunds cause, called
// by a merchant that signs with node:crypto straight from the protocol.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { listNotifies } from "../dispatcher";
import {
  apiRequest,
  pageUrl,
  signedParams,
  splitSigned,
  startNotifyReceiver,
  setUpTemporaryEmulator,
  verifyNotifyParams,
  verifyWithAlipayKey,
  waitUntil,
  type NotifyReceiver,
} from "./test-support";

setUpTemporaryEmulator({ EMULATOR_TIME_SCALE: "0.0001" });

const { handleAlipayGateway } = await import("./gateway");
const { openCashier, payAlipayTrade } = await import("./payer");
const { handleAlipayControlGet, handleAlipayControlPost } = await import("./control");
const { gmtRefund } = await import("./refund-notify");

let receiver: NotifyReceiver;
beforeAll(async () => {
  receiver = await startNotifyReceiver(["success"]);
});
afterAll(() => receiver.close());

let seq = 0;
const newOutTradeNo = () => `R${Date.now()}${++seq}`;

async function call(method: string, biz: Record<string, unknown>) {
  const response = await handleAlipayGateway(apiRequest(signedParams(method, biz)));
  const text = await response.text();
  const key = `${method.replaceAll(".", "_")}_response`;
  return { response, text, key, inner: response.status === 200 ? (JSON.parse(text)[key] as Record<string, string>) : {} };
}

const refund = (outTradeNo: string, amount: string, outRequestNo: string, extra: Record<string, unknown> = {}) =>
  call("alipay.trade.refund", { out_trade_no: outTradeNo, refund_amount: amount, out_request_no: outRequestNo, refund_reason: "活动取消", ...extra });
const refundQuery = (outTradeNo: string, outRequestNo: string, extra: Record<string, unknown> = {}) =>
  call("alipay.trade.fastpay.refund.query", { out_trade_no: outTradeNo, out_request_no: outRequestNo, ...extra });

async function paidTrade(amount = "0.50"): Promise<string> {
  const outTradeNo = newOutTradeNo();
  const biz = { out_trade_no: outTradeNo, total_amount: amount, subject: "报名费", product_code: "FAST_INSTANT_TRADE_PAY", timeout_express: "15m" };
  await openCashier(pageUrl(signedParams("alipay.trade.page.pay", biz, { notify_url: receiver.url })));
  payAlipayTrade(outTradeNo);
  return outTradeNo;
}

async function control(body: unknown) {
  const response = await handleAlipayControlPost(new Request("http://x/sandbox/alipay/control", { method: "POST", body: JSON.stringify(body) }));
  return { status: response.status, body: await response.json() };
}

const notifiesOf = (outTradeNo: string) => listNotifies(outTradeNo).filter((n) => n.platform === "alipay");
const fieldsOf = (body: string) => Object.fromEntries(new URLSearchParams(body));

describe("alipay.trade.refund", () => {
  test("30 then 20 fen of a 50 fen payment: fund_change Y each time, refund_fee cumulative, then TRADE_CLOSED", async () => {
    const outTradeNo = await paidTrade("0.50");
    const first = await refund(outTradeNo, "0.30", "RF1");
    expect(first.inner).toMatchObject({ code: "10000", msg: "Success", fund_change: "Y", refund_fee: "0.30", send_back_fee: "0.30", out_trade_no: outTradeNo });
    expect(first.inner.gmt_refund_pay).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const { inner, sign } = splitSigned(first.text, first.key);
    expect(verifyWithAlipayKey(inner, sign)).toBe(true);
    expect((await call("alipay.trade.query", { out_trade_no: outTradeNo })).inner.trade_status).toBe("TRADE_SUCCESS");

    const second = await refund(outTradeNo, "0.20", "RF2");
    expect(second.inner).toMatchObject({ code: "10000", fund_change: "Y", refund_fee: "0.50", send_back_fee: "0.20" });
    expect((await call("alipay.trade.query", { out_trade_no: outTradeNo })).inner.trade_status).toBe("TRADE_CLOSED");

    const more = await refund(outTradeNo, "0.01", "RF3");
    expect(more.inner).toMatchObject({ code: "40004", sub_code: "ACQ.TRADE_HAS_CLOSE" });
  });

  test("a partial refund notifies TRADE_SUCCESS with refund_fee, gmt_refund, out_biz_no; the last one TRADE_CLOSED", async () => {
    const outTradeNo = await paidTrade("0.50");
    await refund(outTradeNo, "0.30", "RN1");
    await refund(outTradeNo, "0.20", "RN2");
    const notifies = await waitUntil("three acked notifies", () => {
      const all = notifiesOf(outTradeNo);
      return all.length === 3 && all.every((n) => n.status === "acked") ? all : null;
    });
    const [paid, partial, full] = notifies.map((n) => fieldsOf(n.body));
    expect(paid.trade_status).toBe("TRADE_SUCCESS");
    expect(paid.refund_fee).toBeUndefined();
    expect(partial).toMatchObject({ trade_status: "TRADE_SUCCESS", refund_fee: "0.30", out_biz_no: "RN1", total_amount: "0.50", notify_type: "trade_status_sync" });
    expect(partial.gmt_refund).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/);
    expect(partial.gmt_close).toBeUndefined();
    expect(full).toMatchObject({ trade_status: "TRADE_CLOSED", refund_fee: "0.50", out_biz_no: "RN2", total_amount: "0.50" });
    expect(full.gmt_close).toBeDefined();
    expect(full.gmt_payment).toBe(paid.gmt_payment);
    for (const fields of [partial, full]) expect(verifyNotifyParams(fields)).toBe(true);
    expect(verifyNotifyParams({ ...partial, refund_fee: "0.50" })).toBe(false);
    expect(new Set(notifies.map((n) => fieldsOf(n.body).notify_id)).size).toBe(3);
  });

  test("over-refund: ACQ.REFUND_AMT_NOT_EQUAL_TOTAL, nothing refunded", async () => {
    const outTradeNo = await paidTrade("0.50");
    const over = await refund(outTradeNo, "0.51", "RO1");
    expect(over.inner).toMatchObject({ code: "40004", msg: "Business Failed", sub_code: "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL" });
    await refund(outTradeNo, "0.40", "RO2");
    expect((await refund(outTradeNo, "0.11", "RO3")).inner.sub_code).toBe("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL");
    expect((await refund(outTradeNo, "0.10", "RO4")).inner).toMatchObject({ code: "10000", refund_fee: "0.50" });
  });

  test("the same out_request_no and amount is the same refund (fund_change N); another amount is refused", async () => {
    const outTradeNo = await paidTrade("0.50");
    const first = await refund(outTradeNo, "0.30", "RS1");
    const repeat = await refund(outTradeNo, "0.30", "RS1");
    expect(repeat.inner).toMatchObject({ code: "10000", fund_change: "N", refund_fee: "0.30", send_back_fee: "0.30", gmt_refund_pay: first.inner.gmt_refund_pay });
    const discordant = await refund(outTradeNo, "0.20", "RS1");
    expect(discordant.inner).toMatchObject({ code: "40004", sub_code: "ACQ.DISCORDANT_REPEAT_REQUEST" });
    // One refund, one refund notify.
    await waitUntil("notifies", () => notifiesOf(outTradeNo).length === 2);
    const state = await (await handleAlipayControlGet(new Request(`http://x/sandbox/alipay/control?outTradeNo=${outTradeNo}`))).json();
    expect(state.refunds).toHaveLength(1);
    expect(state.refunds[0]).toMatchObject({ outRequestNo: "RS1", refundFen: 30, reason: "活动取消" });
  });

  test("a repeat of the refund that closed the trade still answers that refund", async () => {
    const outTradeNo = await paidTrade("0.50");
    await refund(outTradeNo, "0.50", "RC1");
    expect((await refund(outTradeNo, "0.50", "RC1")).inner).toMatchObject({ code: "10000", fund_change: "N", refund_fee: "0.50" });
  });

  test("unpaid, unknown and closed trades; bad amounts", async () => {
    const unknown = await refund(newOutTradeNo(), "0.10", "X1");
    expect(unknown.inner).toMatchObject({ code: "40004", sub_code: "ACQ.TRADE_NOT_EXIST" });

    const waiting = newOutTradeNo();
    const biz = { out_trade_no: waiting, total_amount: "0.50", subject: "报名费", product_code: "FAST_INSTANT_TRADE_PAY", timeout_express: "15m" };
    await openCashier(pageUrl(signedParams("alipay.trade.page.pay", biz, { notify_url: receiver.url })));
    expect((await refund(waiting, "0.10", "X2")).inner.sub_code).toBe("ACQ.TRADE_STATUS_ERROR");
    await call("alipay.trade.close", { out_trade_no: waiting });
    expect((await refund(waiting, "0.10", "X3")).inner.sub_code).toBe("ACQ.TRADE_HAS_CLOSE");

    const paid = await paidTrade("0.50");
    expect((await refund(paid, "0.001", "X4")).inner.sub_code).toBe("ACQ.INVALID_PARAMETER");
    expect((await refund(paid, "abc", "X5")).inner.sub_code).toBe("ACQ.INVALID_PARAMETER");
    expect((await refund(paid, "0.00", "X6")).inner.sub_code).toBe("ACQ.REFUND_FEE_ERROR");
    expect((await call("alipay.trade.refund", { refund_amount: "0.10" })).inner.sub_code).toBe("ACQ.INVALID_PARAMETER");
    expect((await refund(paid, "0.10", "X".repeat(65))).inner.sub_code).toBe("ACQ.INVALID_PARAMETER");
  });

  test("without out_request_no the out_trade_no is the request number", async () => {
    const outTradeNo = await paidTrade("0.50");
    expect((await call("alipay.trade.refund", { out_trade_no: outTradeNo, refund_amount: "0.50" })).inner.fund_change).toBe("Y");
    expect((await refundQuery(outTradeNo, outTradeNo)).inner).toMatchObject({ refund_status: "REFUND_SUCCESS", refund_amount: "0.50" });
  });

  test("ten concurrent refunds of the whole amount under different numbers: one succeeds", async () => {
    const outTradeNo = await paidTrade("0.50");
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => refund(outTradeNo, "0.50", `RP${i}`)));
    expect(answers.filter((a) => a.inner.code === "10000")).toHaveLength(1);
    expect(answers.filter((a) => a.inner.sub_code === "ACQ.TRADE_HAS_CLOSE" || a.inner.sub_code === "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL")).toHaveLength(9);
  });
});

describe("alipay.trade.fastpay.refund.query", () => {
  test("found: REFUND_SUCCESS with the refund's own amount; gmt_refund_pay on request", async () => {
    const outTradeNo = await paidTrade("0.50");
    const made = await refund(outTradeNo, "0.30", "Q1");
    const found = await refundQuery(outTradeNo, "Q1", { query_options: ["gmt_refund_pay"] });
    expect(found.inner).toMatchObject({
      code: "10000",
      out_request_no: "Q1",
      out_trade_no: outTradeNo,
      refund_amount: "0.30",
      total_amount: "0.50",
      refund_status: "REFUND_SUCCESS",
      refund_reason: "活动取消",
      gmt_refund_pay: made.inner.gmt_refund_pay,
    });
    const { inner, sign } = splitSigned(found.text, found.key);
    expect(verifyWithAlipayKey(inner, sign)).toBe(true);
    expect((await refundQuery(outTradeNo, "Q1")).inner.gmt_refund_pay).toBeUndefined();
  });

  test("no such refund: 10000 with no refund fields; no such trade: ACQ.TRADE_NOT_EXIST", async () => {
    const outTradeNo = await paidTrade("0.50");
    expect((await refundQuery(outTradeNo, "NONE")).inner).toEqual({ code: "10000", msg: "Success" });
    expect((await refundQuery(newOutTradeNo(), "NONE")).inner.sub_code).toBe("ACQ.TRADE_NOT_EXIST");
    expect((await call("alipay.trade.fastpay.refund.query", { out_trade_no: outTradeNo })).inner.sub_code).toBe("ACQ.INVALID_PARAMETER");
  });
});

describe("test controls", () => {
  test("SYSTEM_ERROR once: nothing refunded, the retry with the same number refunds", async () => {
    const outTradeNo = await paidTrade("0.50");
    expect((await control({ action: "set_refund_fault", outTradeNo, fault: { createError: "ACQ.SYSTEM_ERROR", createErrorTimes: 1 } })).status).toBe(200);
    expect((await refund(outTradeNo, "0.30", "F1")).inner).toMatchObject({ code: "40004", sub_code: "ACQ.SYSTEM_ERROR" });
    expect((await refundQuery(outTradeNo, "F1")).inner.refund_status).toBeUndefined();
    expect((await refund(outTradeNo, "0.30", "F1")).inner).toMatchObject({ code: "10000", fund_change: "Y" });
  });

  test("20000 twice, then normal", async () => {
    const outTradeNo = await paidTrade("0.50");
    await control({ action: "set_refund_fault", outTradeNo, fault: { createError: "20000", createErrorTimes: 2 } });
    expect((await refund(outTradeNo, "0.10", "F2")).inner).toMatchObject({ code: "20000", sub_code: "isp.unknow-error" });
    expect((await refund(outTradeNo, "0.10", "F2")).inner.code).toBe("20000");
    expect((await refund(outTradeNo, "0.10", "F2")).inner.fund_change).toBe("Y");
  });

  test("http_502: the refund is made but the answer lost; the retry answers the same refund", async () => {
    const outTradeNo = await paidTrade("0.50");
    await control({ action: "set_refund_fault", outTradeNo, fault: { createError: "http_502", createErrorTimes: 1 } });
    const lost = await refund(outTradeNo, "0.30", "F3");
    expect(lost.response.status).toBe(502);
    const retry = await refund(outTradeNo, "0.30", "F3");
    expect(retry.inner).toMatchObject({ code: "10000", fund_change: "N", refund_fee: "0.30" });
  });

  test("a refund unconfirmed for the next two queries", async () => {
    const outTradeNo = await paidTrade("0.50");
    await control({ action: "set_refund_fault", outTradeNo, fault: { queryUnconfirmed: 2 } });
    await refund(outTradeNo, "0.30", "F4");
    expect((await refundQuery(outTradeNo, "F4")).inner.refund_status).toBeUndefined();
    expect((await refundQuery(outTradeNo, "F4")).inner.refund_status).toBeUndefined();
    expect((await refundQuery(outTradeNo, "F4")).inner.refund_status).toBe("REFUND_SUCCESS");
  });

  test("a dropped refund notify stays undelivered until redelivered", async () => {
    const outTradeNo = await paidTrade("0.50");
    await waitUntil("the payment notify", () => notifiesOf(outTradeNo)[0]?.status === "acked");
    await control({ action: "set_fault", outTradeNo, fault: { nextNotify: "drop" } });
    await refund(outTradeNo, "0.20", "F5");
    const dropped = notifiesOf(outTradeNo)[1];
    expect(dropped.status).toBe("dropped");
    expect(fieldsOf(dropped.body).out_biz_no).toBe("F5");
    await control({ action: "redeliver", outTradeNo });
    expect(notifiesOf(outTradeNo)[1].status).toBe("acked");
  });

  test("bad control input is a 400 in Chinese", async () => {
    const bad = await control({ action: "set_refund_fault", outTradeNo: "A", fault: { createError: "boom" } });
    expect(bad.status).toBe(400);
    expect((await control({ action: "set_bill_settings", settings: { feeRateBasisPoints: -1 } })).status).toBe(400);
  });
});

test("gmt_refund keeps milliseconds, in Beijing time", () => {
  expect(gmtRefund(Date.UTC(2026, 10, 22, 7, 45, 57, 32))).toBe("2026-11-22 15:45:57.032");
});
