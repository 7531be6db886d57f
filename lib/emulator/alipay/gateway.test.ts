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
const { handleCashierPay, handleCashierCancel, openCashier } = await import("./payer");
const { handleAlipayControlGet, handleAlipayControlPost } = await import("./control");

let receiver: NotifyReceiver;
beforeAll(async () => {
  receiver = await startNotifyReceiver(["success"]);
});
afterAll(() => receiver.close());

let seq = 0;
const newOutTradeNo = () => `T${Date.now()}${++seq}`;

async function call(method: string, biz: Record<string, unknown>, extra = {}) {
  const response = await handleAlipayGateway(apiRequest(signedParams(method, biz, extra)));
  const text = await response.text();
  const key = `${method.replaceAll(".", "_")}_response`;
  return { response, text, key, body: JSON.parse(text) as Record<string, Record<string, string>> & { sign: string }, inner: JSON.parse(text)[key] as Record<string, string> };
}

function pagePay(outTradeNo: string, overrides: Record<string, unknown> = {}, method = "alipay.trade.page.pay") {
  const biz = {
    out_trade_no: outTradeNo,
    total_amount: "12.30",
    subject: "读书会报名费",
    product_code: method === "alipay.trade.wap.pay" ? "QUICK_WAP_WAY" : "FAST_INSTANT_TRADE_PAY",
    timeout_express: "15m",
    ...(method === "alipay.trade.wap.pay" ? { quit_url: "http://merchant.test/pay/quit" } : {}),
    ...overrides,
  };
  return pageUrl(signedParams(method, biz, { notify_url: receiver.url, return_url: "http://merchant.test/return?account=env" }));
}

async function errorCodeOf(response: Response): Promise<string | undefined> {
  return /data-error-code="([^"]*)"/.exec(await response.text())?.[1];
}

describe("gateway API calls signed by a merchant with node:crypto", () => {
  test("query of an unknown trade: 40004 ACQ.TRADE_NOT_EXIST, signed over the exact inner text, sign last", async () => {
    const { response, text, key, inner } = await call("alipay.trade.query", { out_trade_no: "NOPE1" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html;charset=utf-8");
    expect(inner).toMatchObject({ code: "40004", msg: "Business Failed", sub_code: "ACQ.TRADE_NOT_EXIST", sub_msg: "交易不存在", out_trade_no: "NOPE1" });
    const { inner: innerText, sign } = splitSigned(text, key);
    expect(sign).toHaveLength(344);
    expect(verifyWithAlipayKey(innerText, sign)).toBe(true);
    expect(Object.keys(JSON.parse(text))).toEqual([key, "sign"]);
  });

  test("a bad request signature: 40002 isv.invalid-signature quoting the verified string", async () => {
    const params = signedParams("alipay.trade.query", { out_trade_no: "X1" });
    params.biz_content = JSON.stringify({ out_trade_no: "X2" });
    const response = await handleAlipayGateway(apiRequest(params));
    const body = JSON.parse(await response.text());
    expect(body.alipay_trade_query_response).toMatchObject({ code: "40002", msg: "Invalid Arguments", sub_code: "isv.invalid-signature" });
    expect(body.alipay_trade_query_response.sub_msg).toContain("验签出错");
    expect(body.alipay_trade_query_response.sub_msg).toContain('biz_content={"out_trade_no":"X2"}&amp;charset=utf-8');
    expect(typeof body.sign).toBe("string");
  });

  test("unknown app_id, stale timestamp, missing sign, unknown and missing method", async () => {
    const wrongApp = await call("alipay.trade.query", { out_trade_no: "X" }, { app_id: "2021000000000999" });
    expect(wrongApp.inner.sub_code).toBe("isv.invalid-app-id");

    const stale = await call("alipay.trade.query", { out_trade_no: "X" }, { timestamp: "2020-01-01 00:00:00" });
    expect(stale.inner).toMatchObject({ code: "40002", sub_code: "isv.invalid-timestamp" });
    const malformed = await call("alipay.trade.query", { out_trade_no: "X" }, { timestamp: "2026/01/01 00:00:00" });
    expect(malformed.inner.sub_code).toBe("isv.invalid-timestamp");

    const params = signedParams("alipay.trade.query", { out_trade_no: "X" });
    delete params.sign;
    const noSign = JSON.parse(await (await handleAlipayGateway(apiRequest(params))).text());
    expect(noSign.alipay_trade_query_response).toMatchObject({ code: "40001", sub_code: "isv.missing-signature" });

    const unknown = JSON.parse(await (await handleAlipayGateway(apiRequest(signedParams("alipay.trade.nope", {})))).text());
    expect(unknown.error_response).toMatchObject({ code: "40002", sub_code: "isv.invalid-method" });
    const proto = JSON.parse(await (await handleAlipayGateway(apiRequest(signedParams("toString", {})))).text());
    expect(proto.error_response.sub_code).toBe("isv.invalid-method");
    const { method: _omit, ...noMethod } = signedParams("alipay.trade.query", {});
    const missing = JSON.parse(await (await handleAlipayGateway(apiRequest(noMethod))).text());
    expect(missing.error_response).toMatchObject({ code: "40001", sub_code: "isv.missing-method" });
  });

  test("close of a trade the payer never opened: ACQ.TRADE_NOT_EXIST", async () => {
    const { inner } = await call("alipay.trade.close", { out_trade_no: newOutTradeNo() });
    expect(inner).toMatchObject({ code: "40004", sub_code: "ACQ.TRADE_NOT_EXIST" });
  });
});

describe("page pay → cashier → pay → notify, return, query", () => {
  test("the whole loop, with exact amounts and valid signatures everywhere", async () => {
    const outTradeNo = newOutTradeNo();
    const before = await call("alipay.trade.query", { out_trade_no: outTradeNo });
    expect(before.inner.sub_code).toBe("ACQ.TRADE_NOT_EXIST");

    const opened = await handleAlipayGateway(new Request(pagePay(outTradeNo)));
    expect(opened.status).toBe(302);
    const location = opened.headers.get("location")!;
    expect(location).toMatch(/^\/sandbox\/alipay\/cashier\/[0-9a-f]{32}$/);
    const token = location.split("/").pop()!;

    const waiting = await call("alipay.trade.query", { out_trade_no: outTradeNo });
    expect(waiting.inner).toMatchObject({ code: "10000", trade_status: "WAIT_BUYER_PAY", total_amount: "12.30", buyer_pay_amount: "0.00" });
    expect(waiting.inner.trade_no).toMatch(/^\d{8}22001\d{15}$/);
    expect(waiting.inner.send_pay_date).toBeUndefined();

    // Opening again with identical parameters lands on the same trade.
    const again = await handleAlipayGateway(new Request(pagePay(outTradeNo)));
    expect(again.headers.get("location")).toBe(location);

    const paid = handleCashierPay(token);
    expect(paid.status).toBe(303);
    const returnUrl = new URL(paid.headers.get("location")!);
    expect(returnUrl.origin + returnUrl.pathname).toBe("http://merchant.test/return");
    const returned = Object.fromEntries(returnUrl.searchParams);
    expect(returned).toMatchObject({
      account: "env",
      method: "alipay.trade.page.pay.return",
      out_trade_no: outTradeNo,
      total_amount: "12.30",
      seller_id: "2088000000000001",
      app_id: "2021000000000001",
      auth_app_id: "2021000000000001",
      charset: "utf-8",
      version: "1.0",
      sign_type: "RSA2",
    });
    const { account: _merchantOwn, ...signedReturn } = returned;
    expect(verifyNotifyParams(signedReturn)).toBe(true);

    const notify = await waitUntil("notify", () => receiver.received.find((n) => n.body.includes(outTradeNo)));
    expect(notify.contentType).toBe("application/x-www-form-urlencoded; charset=utf-8");
    const fields = Object.fromEntries(new URLSearchParams(notify.body));
    expect(fields).toMatchObject({
      notify_type: "trade_status_sync",
      trade_status: "TRADE_SUCCESS",
      out_trade_no: outTradeNo,
      total_amount: "12.30",
      receipt_amount: "12.30",
      buyer_pay_amount: "12.30",
      app_id: "2021000000000001",
      seller_id: "2088000000000001",
      subject: "读书会报名费",
      sign_type: "RSA2",
      charset: "utf-8",
      version: "1.0",
    });
    expect(fields.notify_id).toMatch(/^\d{34}$/);
    expect(Object.values(fields)).not.toContain("");
    expect(verifyNotifyParams(fields)).toBe(true);
    await waitUntil("ack", () => listNotifies(outTradeNo).every((n) => n.status === "acked"));

    const after = await call("alipay.trade.query", { out_trade_no: outTradeNo });
    expect(after.inner).toMatchObject({ code: "10000", trade_status: "TRADE_SUCCESS", total_amount: "12.30", buyer_logon_id: "159****5620" });
    expect(after.inner.send_pay_date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const byTradeNo = await call("alipay.trade.query", { trade_no: after.inner.trade_no });
    expect(byTradeNo.inner.out_trade_no).toBe(outTradeNo);

    const close = await call("alipay.trade.close", { out_trade_no: outTradeNo });
    expect(close.inner).toMatchObject({ code: "40004", sub_code: "ACQ.TRADE_STATUS_ERROR" });

    expect(await errorCodeOf(await handleAlipayGateway(new Request(pagePay(outTradeNo))))).toBe("ACQ.TRADE_HAS_SUCCESS");
  });

  test("the same out_trade_no with another amount is refused; a closed trade cannot be reopened", async () => {
    const outTradeNo = newOutTradeNo();
    await openCashier(pagePay(outTradeNo));
    expect(await errorCodeOf(await handleAlipayGateway(new Request(pagePay(outTradeNo, { total_amount: "12.31" }))))).toBe("ACQ.CONTEXT_INCONSISTENT");

    const close = await call("alipay.trade.close", { out_trade_no: outTradeNo });
    expect(close.inner).toMatchObject({ code: "10000", msg: "Success", out_trade_no: outTradeNo });
    const closedNotify = await waitUntil("close notify", () => receiver.received.find((n) => n.body.includes(outTradeNo)));
    const fields = Object.fromEntries(new URLSearchParams(closedNotify.body));
    expect(fields.trade_status).toBe("TRADE_CLOSED");
    expect(fields.gmt_payment).toBeUndefined();
    expect(verifyNotifyParams(fields)).toBe(true);

    expect((await call("alipay.trade.close", { out_trade_no: outTradeNo })).inner.sub_code).toBe("ACQ.TRADE_STATUS_ERROR");
    expect(await errorCodeOf(await handleAlipayGateway(new Request(pagePay(outTradeNo))))).toBe("ACQ.TRADE_HAS_CLOSE");
  });

  test.each([
    ["0.01", 1],
    ["0.29", 29],
    ["12.3", 1230],
    ["100000000.00", 10_000_000_000],
  ])("total_amount %s is %i fen exactly", async (amount, fen) => {
    const outTradeNo = newOutTradeNo();
    const { trade } = await openCashier(pagePay(outTradeNo, { total_amount: amount }));
    expect(trade.totalFen).toBe(fen);
  });

  test.each(["0.00", "12.345", "-1", "1e3", "100000000.01", " 1.00", "01.00"])("total_amount %j is refused", async (amount) => {
    const code = await errorCodeOf(await handleAlipayGateway(new Request(pagePay(newOutTradeNo(), { total_amount: amount }))));
    expect(code).toBe("ACQ.INVALID_PARAMETER");
  });

  test("a bad signature on a page URL shows the error page", async () => {
    const url = new URL(pagePay(newOutTradeNo()));
    url.searchParams.set("biz_content", url.searchParams.get("biz_content")!.replace("12.30", "0.01"));
    expect(await errorCodeOf(await handleAlipayGateway(new Request(url)))).toBe("isv.invalid-signature");
  });

  test("an expired trade cannot be paid and closes with a notify", async () => {
    const outTradeNo = newOutTradeNo();
    const { token } = await openCashier(pagePay(outTradeNo));
    const expired = await handleAlipayControlPost(
      new Request("http://x/sandbox/alipay/control", { method: "POST", body: JSON.stringify({ action: "expire", outTradeNo }) }),
    );
    expect((await expired.json()).trade.status).toBe("TRADE_CLOSED");
    expect(await errorCodeOf(handleCashierPay(token))).toBe("ACQ.TRADE_HAS_CLOSE");
    const notify = await waitUntil("close notify", () => receiver.received.find((n) => n.body.includes(outTradeNo)));
    expect(new URLSearchParams(notify.body).get("trade_status")).toBe("TRADE_CLOSED");
  });

  test("WAP: 取消付款 goes to quit_url and leaves the trade waiting; pay returns with the wap method", async () => {
    const outTradeNo = newOutTradeNo();
    const { token, trade } = await openCashier(pagePay(outTradeNo, {}, "alipay.trade.wap.pay"));
    expect(trade.method).toBe("alipay.trade.wap.pay");
    const cancelled = handleCashierCancel(token);
    expect(cancelled.status).toBe(303);
    expect(cancelled.headers.get("location")).toBe("http://merchant.test/pay/quit");
    expect((await call("alipay.trade.query", { out_trade_no: outTradeNo })).inner.trade_status).toBe("WAIT_BUYER_PAY");
    const paid = handleCashierPay(token);
    expect(new URL(paid.headers.get("location")!).searchParams.get("method")).toBe("alipay.trade.wap.pay.return");
  });
});

describe("test controls", () => {
  const control = (body: unknown) =>
    handleAlipayControlPost(new Request("http://x/sandbox/alipay/control", { method: "POST", body: JSON.stringify(body) }));

  test("query fault, dropped notify, redelivery and late payment", async () => {
    const outTradeNo = newOutTradeNo();
    // Faults can be armed before the payer opens the cashier.
    expect((await control({ action: "set_fault", outTradeNo, fault: { queryError: "ACQ.SYSTEM_ERROR", queryErrorTimes: 1, nextNotify: "drop" } })).status).toBe(200);
    await openCashier(pagePay(outTradeNo));
    expect((await call("alipay.trade.query", { out_trade_no: outTradeNo })).inner.sub_code).toBe("ACQ.SYSTEM_ERROR");
    expect((await call("alipay.trade.query", { out_trade_no: outTradeNo })).inner.code).toBe("10000");

    const paid = await control({ action: "pay", outTradeNo });
    expect(paid.status).toBe(200);
    expect((await paid.json()).notify.status).toBe("dropped");

    const redelivered = await (await control({ action: "redeliver", outTradeNo })).json();
    expect(redelivered.notifies.map((n: { status: string }) => n.status)).toEqual(["acked"]);

    const state = await handleAlipayControlGet(new Request(`http://x/sandbox/alipay/control?outTradeNo=${outTradeNo}`)).json();
    expect(state.trade.status).toBe("TRADE_SUCCESS");

    const late = newOutTradeNo();
    await openCashier(pagePay(late));
    expect((await call("alipay.trade.close", { out_trade_no: late })).inner.code).toBe("10000");
    expect((await control({ action: "pay", outTradeNo: late })).status).toBe(409);
    const latePaid = await (await control({ action: "pay_after_close", outTradeNo: late })).json();
    expect(latePaid.trade).toMatchObject({ status: "TRADE_SUCCESS", latePayment: true });
    expect((await call("alipay.trade.query", { out_trade_no: late })).inner.trade_status).toBe("TRADE_SUCCESS");
  });

  test("bad control bodies get a 400 with the reason", async () => {
    const response = await control({ action: "set_fault", outTradeNo: "A", fault: { nextNotify: "explode" } });
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toContain("nextNotify");
    expect((await control({ action: "pay", outTradeNo: "NEVER_OPENED" })).status).toBe(404);
  });
});
