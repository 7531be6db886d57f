// Refunds as a merchant sees them: signed create and query with WeChat's answers and error codes,
// PROCESSING → SUCCESS after the delay, REFUND.* notifies (signed, AES-GCM with AAD "refund",
// retried until acknowledged), and the test controls.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { decryptResource } from "./aead";
import { payWechatTrade, setWechatFault } from "./control";
import { redeliverWechatRefundNotifies, setWechatRefundFault, settleWechatRefund, wechatRefundsOfTrade } from "./refund-control";
import { refundNotifies } from "./refund-notify";
import {
  callPlatform,
  merchant,
  nativeBody,
  startNotifyReceiver,
  setUpTemporaryEmulator,
  verifyPlatformSignature,
  waitUntil,
  type Answer,
  type NotifyReceiver,
} from "./test-support";

setUpTemporaryEmulator({ EMULATOR_TIME_SCALE: "0.001" });

let receiver: NotifyReceiver;
beforeAll(async () => {
  receiver = await startNotifyReceiver([204]);
});
afterAll(() => receiver.close());

const REFUNDS = "/v3/refund/domestic/refunds";
let seq = 0;
const refundNo = () => `RF${Date.now()}${++seq}`;

/** A paid trade whose payment notify is dropped, so receivers see refund notifies only. */
async function paidTrade(totalFen = 50, notifyUrl = "http://127.0.0.1:9/api/payment/wechat/notify") {
  const body = nativeBody({ amount: { total: totalFen, currency: "CNY" }, notify_url: notifyUrl });
  expect((await callPlatform("POST", "/v3/pay/transactions/native", body)).status).toBe(200);
  setWechatFault(body.out_trade_no as string, { notify: "drop" });
  const { trade } = payWechatTrade(body.out_trade_no as string);
  return trade;
}

const refundBody = (outTradeNo: string, refund: number, total: number, extra: Record<string, unknown> = {}) => ({
  out_trade_no: outTradeNo,
  out_refund_no: refundNo(),
  reason: "活动取消",
  amount: { refund, total, currency: "CNY" },
  ...extra,
});

function expectSigned(answer: Answer) {
  expect(verifyPlatformSignature(answer.headers, answer.text)).toBe(true);
}

function expectError(answer: Answer, status: number, code: string, message?: RegExp) {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.json.code).toBe(code);
  if (message) expect(answer.json.message).toMatch(message);
  expectSigned(answer);
}

const query = (no: string) => callPlatform("GET", `${REFUNDS}/${no}`);

async function settled(no: string): Promise<Answer> {
  return waitUntil(`refund ${no} to settle`, async () => {
    const answer = await query(no);
    return answer.json.status !== "PROCESSING" ? answer : null;
  });
}

const decrypted = (body: string) => {
  const envelope = JSON.parse(body);
  return { envelope, resource: JSON.parse(decryptResource(envelope.resource, merchant().apiV3Key)) };
};
const notifiesFor = (no: string) => receiver.received.filter((n) => decrypted(n.body).resource.out_refund_no === no);

describe("create and query", () => {
  test("30 then 20 of a 50 fen payment: accepted PROCESSING, then SUCCESS with success_time; the trade turns REFUND", async () => {
    const trade = await paidTrade(50);
    const first = refundBody(trade.outTradeNo, 30, 50);
    const created = await callPlatform("POST", REFUNDS, first);
    expect(created.status, created.text).toBe(200);
    expectSigned(created);
    expect(created.json).toMatchObject({
      out_refund_no: first.out_refund_no,
      out_trade_no: trade.outTradeNo,
      transaction_id: trade.transactionId,
      channel: "ORIGINAL",
      status: "PROCESSING",
      amount: { total: 50, refund: 30, payer_total: 50, payer_refund: 30, currency: "CNY" },
    });
    expect(created.json.refund_id).toMatch(/^50\d{27}$/);
    expect(created.json.create_time).toMatch(/\+08:00$/);
    expect(created.json.success_time).toBeUndefined();

    const done = await settled(first.out_refund_no);
    expect(done.json).toMatchObject({ status: "SUCCESS", refund_id: created.json.refund_id });
    expect(done.json.success_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    expectSigned(done);

    const second = await callPlatform("POST", REFUNDS, refundBody(trade.outTradeNo, 20, 50));
    expect(second.status).toBe(200);
    const tx = await callPlatform("GET", `/v3/pay/transactions/out-trade-no/${trade.outTradeNo}?mchid=${merchant().mchId}`);
    expect(tx.json.trade_state).toBe("REFUND");
    expect(tx.json.transaction_id).toBe(trade.transactionId);

    expectError(await callPlatform("POST", REFUNDS, refundBody(trade.outTradeNo, 1, 50)), 400, "INVALID_REQUEST", /可退金额/);
  });

  test("by transaction_id too", async () => {
    const trade = await paidTrade(100);
    const answer = await callPlatform("POST", REFUNDS, { ...refundBody("", 100, 100), out_trade_no: undefined, transaction_id: trade.transactionId });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json.out_trade_no).toBe(trade.outTradeNo);
  });

  test("the same out_refund_no with the same parameters is the same refund; with others it is INVALID_REQUEST", async () => {
    const trade = await paidTrade(50);
    const body = refundBody(trade.outTradeNo, 10, 50);
    const first = await callPlatform("POST", REFUNDS, body);
    const again = await callPlatform("POST", REFUNDS, body);
    expect(again.status).toBe(200);
    expect(again.json.refund_id).toBe(first.json.refund_id);
    expectError(
      await callPlatform("POST", REFUNDS, { ...body, amount: { refund: 11, total: 50, currency: "CNY" } }),
      400,
      "INVALID_REQUEST",
      /参数与首次请求时不一致/,
    );
    expect(wechatRefundsOfTrade(trade.outTradeNo)).toHaveLength(1);
  });

  test("ten racing requests for the whole remainder: one refund", async () => {
    const trade = await paidTrade(50);
    const answers = await Promise.all(Array.from({ length: 10 }, () => callPlatform("POST", REFUNDS, refundBody(trade.outTradeNo, 50, 50))));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.json.code === "INVALID_REQUEST")).toHaveLength(9);
    expect(wechatRefundsOfTrade(trade.outTradeNo)).toHaveLength(1);
  });

  test("an unpaid, an unknown trade and an unknown refund number are 404 RESOURCE_NOT_EXISTS", async () => {
    const body = nativeBody();
    await callPlatform("POST", "/v3/pay/transactions/native", body);
    expectError(await callPlatform("POST", REFUNDS, refundBody(body.out_trade_no as string, 1, 1230)), 404, "RESOURCE_NOT_EXISTS");
    expectError(await callPlatform("POST", REFUNDS, refundBody("NOSUCHTRADE1", 1, 1230)), 404, "RESOURCE_NOT_EXISTS");
    expectError(await query("NOSUCHREFUND1"), 404, "RESOURCE_NOT_EXISTS");
  });

  test("amount.total must be the order's total", async () => {
    const trade = await paidTrade(50);
    expectError(await callPlatform("POST", REFUNDS, refundBody(trade.outTradeNo, 10, 60)), 400, "INVALID_REQUEST", /amount\.total/);
  });

  test.each([
    ["no out_refund_no", { out_refund_no: undefined }, /out_refund_no/],
    ["an out_refund_no with a space", { out_refund_no: "R 1" }, /out_refund_no/],
    ["refund 0", { amount: { refund: 0, total: 50, currency: "CNY" } }, /amount\/refund/],
    ["refund above total", { amount: { refund: 51, total: 50, currency: "CNY" } }, /amount\/refund/],
    ["no currency", { amount: { refund: 1, total: 50 } }, /currency/],
    ["a reason of 81 characters", { reason: "退".repeat(81) }, /reason/],
    ["an undefined field", { colour: "red" }, /colour/],
    ["neither trade number", { out_trade_no: undefined }, /二选一/],
    ["a notify_url with a query", { notify_url: "https://m.test/n?a=1" }, /notify_url/],
  ])("%s → 400 PARAM_ERROR", async (_label, change, message) => {
    expectError(await callPlatform("POST", REFUNDS, { ...refundBody("ANYTRADE01", 1, 50), ...change }), 400, "PARAM_ERROR", message);
  });
});

describe("refund notifies", () => {
  test("REFUND.SUCCESS to the refund's notify_url: signed, resource decrypts with AAD refund", async () => {
    const trade = await paidTrade(50);
    const body = refundBody(trade.outTradeNo, 30, 50, { notify_url: receiver.url });
    const created = await callPlatform("POST", REFUNDS, body);
    const [notify] = await waitUntil("the refund notify", () => (notifiesFor(body.out_refund_no).length ? notifiesFor(body.out_refund_no) : null));
    expect(verifyPlatformSignature(notify.headers, notify.body)).toBe(true);
    const { envelope, resource } = decrypted(notify.body);
    expect(envelope).toMatchObject({ event_type: "REFUND.SUCCESS", resource_type: "encrypt-resource", summary: "退款成功" });
    expect(envelope.resource).toMatchObject({ original_type: "refund", associated_data: "refund", algorithm: "AEAD_AES_256_GCM" });
    expect(resource).toMatchObject({
      mchid: merchant().mchId,
      out_trade_no: trade.outTradeNo,
      transaction_id: trade.transactionId,
      out_refund_no: body.out_refund_no,
      refund_id: created.json.refund_id,
      refund_status: "SUCCESS",
      amount: { total: 50, refund: 30, payer_total: 50, payer_refund: 30 },
    });
    expect(resource.success_time).toMatch(/\+08:00$/);
  });

  test("without a notify_url it goes to the trade's, and is retried until acknowledged", async () => {
    const flaky = await startNotifyReceiver([500, 204]);
    try {
      const trade = await paidTrade(50, flaky.url);
      const body = refundBody(trade.outTradeNo, 50, 50);
      await callPlatform("POST", REFUNDS, body);
      await waitUntil("acknowledged", () => refundNotifies(body.out_refund_no)[0]?.status === "acked");
      const forRefund = flaky.received.filter((n) => JSON.parse(n.body).event_type === "REFUND.SUCCESS");
      expect(forRefund).toHaveLength(2);
      expect(refundNotifies(body.out_refund_no)[0].attempts).toBe(2);
    } finally {
      await flaky.close();
    }
  });
});

describe("test controls", () => {
  test("outcome PROCESSING stays processing until settled by hand; settle_refund sends its notify", async () => {
    const trade = await paidTrade(50);
    setWechatRefundFault(trade.outTradeNo, { outcome: "PROCESSING" });
    const body = refundBody(trade.outTradeNo, 20, 50, { notify_url: receiver.url });
    await callPlatform("POST", REFUNDS, body);
    await new Promise((r) => setTimeout(r, 50));
    expect((await query(body.out_refund_no)).json.status).toBe("PROCESSING");
    settleWechatRefund(body.out_refund_no, "SUCCESS");
    expect((await query(body.out_refund_no)).json.status).toBe("SUCCESS");
    await waitUntil("its notify", () => notifiesFor(body.out_refund_no).length === 1);
    expect(() => settleWechatRefund(body.out_refund_no, "CLOSED")).toThrow(/SUCCESS/);
  });

  test.each([
    ["ABNORMAL", "退款异常"],
    ["CLOSED", "退款关闭"],
  ] as const)("outcome %s: status and REFUND.%s notify without success_time", async (outcome, summary) => {
    const trade = await paidTrade(50);
    setWechatRefundFault(trade.outTradeNo, { outcome });
    const body = refundBody(trade.outTradeNo, 50, 50, { notify_url: receiver.url });
    await callPlatform("POST", REFUNDS, body);
    const done = await settled(body.out_refund_no);
    expect(done.json.status).toBe(outcome);
    expect(done.json.success_time).toBeUndefined();
    const [notify] = await waitUntil("its notify", () => (notifiesFor(body.out_refund_no).length ? notifiesFor(body.out_refund_no) : null));
    const { envelope, resource } = decrypted(notify.body);
    expect([envelope.event_type, envelope.summary, resource.refund_status]).toEqual([`REFUND.${outcome}`, summary, outcome]);
    expect(resource.success_time).toBeUndefined();
  });

  test("a CLOSED refund gives its amount back to the refundable remainder", async () => {
    const trade = await paidTrade(50);
    setWechatRefundFault(trade.outTradeNo, { outcome: "CLOSED" });
    const body = refundBody(trade.outTradeNo, 50, 50);
    await callPlatform("POST", REFUNDS, body);
    await settled(body.out_refund_no);
    setWechatRefundFault(trade.outTradeNo, { outcome: "SUCCESS" });
    expect((await callPlatform("POST", REFUNDS, refundBody(trade.outTradeNo, 50, 50))).status).toBe(200);
  });

  test("createErrors: 500 SYSTEM_ERROR N times, nothing recorded, then the same number succeeds once", async () => {
    const trade = await paidTrade(50);
    setWechatRefundFault(trade.outTradeNo, { createErrors: 2 });
    const body = refundBody(trade.outTradeNo, 30, 50);
    expectError(await callPlatform("POST", REFUNDS, body), 500, "SYSTEM_ERROR");
    expectError(await callPlatform("POST", REFUNDS, body), 500, "SYSTEM_ERROR");
    expect(wechatRefundsOfTrade(trade.outTradeNo)).toHaveLength(0);
    expect((await callPlatform("POST", REFUNDS, body)).status).toBe(200);
    expect(wechatRefundsOfTrade(trade.outTradeNo)).toHaveLength(1);
  });

  test("createErrorRecorded: the refund exists behind the 500, and the retry answers that same refund", async () => {
    const trade = await paidTrade(50);
    setWechatRefundFault(trade.outTradeNo, { createErrors: 1, createErrorRecorded: true });
    const body = refundBody(trade.outTradeNo, 30, 50);
    expectError(await callPlatform("POST", REFUNDS, body), 500, "SYSTEM_ERROR");
    const [stored] = wechatRefundsOfTrade(trade.outTradeNo);
    const retry = await callPlatform("POST", REFUNDS, body);
    expect(retry.status).toBe(200);
    expect(retry.json.refund_id).toBe(stored.refundId);
    expect(wechatRefundsOfTrade(trade.outTradeNo)).toHaveLength(1);
  });

  test("a dropped refund notify is not sent until redelivered", async () => {
    const trade = await paidTrade(50);
    setWechatRefundFault(trade.outTradeNo, { notify: "drop" });
    const body = refundBody(trade.outTradeNo, 50, 50, { notify_url: receiver.url });
    await callPlatform("POST", REFUNDS, body);
    await settled(body.out_refund_no);
    await waitUntil("the dropped notify", () => refundNotifies(body.out_refund_no)[0]?.status === "dropped");
    expect(notifiesFor(body.out_refund_no)).toHaveLength(0);
    await redeliverWechatRefundNotifies(body.out_refund_no);
    expect(notifiesFor(body.out_refund_no)).toHaveLength(1);
  });
});
