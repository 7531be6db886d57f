import crypto from "node:crypto";
import { AlipaySdk } from "alipay-sdk";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { NotifyRejectedError, PaymentPlatformError, type PaymentFact, type PaymentRequest, type PaymentStart, type VerifiedNotify } from "../types";
import { alipayJson, signedBody, startFakeGateway, type FakeGateway, type GatewayRequest } from "./__fixtures__/fake-gateway";
import { fixtureKeys, publicKeyOf, TEST_APP_ID, TEST_SELLER_ID, testAccount, testCertAccount } from "./__fixtures__/keys";
import { createAlipayProvider, type AlipayProvider } from "./index";
import { NOTIFY_EXCLUDE, REQUEST_EXCLUDE, rsa2Sign, rsa2Verify, signContent, type Params } from "./sign";

const keys = fixtureKeys();
const appPublicKey = publicKeyOf(keys.appPublicPem);
// 2026-11-22 07:30:00 UTC = 15:30:00 in Beijing.
const NOW = Date.UTC(2026, 10, 22, 7, 30, 0);
const BEIJING_NOW = "2026-11-22 15:30:00";
const ORDER_NO = "20261122153000123456789";

let gateway: FakeGateway;
let provider: AlipayProvider;
const originalTz = process.env.TZ;

beforeAll(async () => {
  // Neither UTC nor Beijing: the SDK's own timestamp (local time) would be 16 hours off.
  process.env.TZ = "America/Los_Angeles";
  gateway = await startFakeGateway();
});

afterAll(async () => {
  process.env.TZ = originalTz;
  await gateway.close();
});

beforeEach(() => {
  gateway.requests.length = 0;
  provider = createAlipayProvider(testAccount({ gatewayUrl: gateway.url }), { now: () => NOW });
});

const lastRequest = (): GatewayRequest => gateway.requests.at(-1)!;

function request(overrides: Partial<PaymentRequest> = {}): PaymentRequest {
  return {
    orderNo: ORDER_NO,
    amountFen: 1230,
    description: "报名费-张三",
    expiresAt: new Date(NOW + 15 * 60_000),
    channel: "page",
    ...overrides,
  };
}

function payUrlParams(payUrl: string): Params {
  const params: Params = {};
  for (const [key, value] of new URL(payUrl).searchParams) params[key] = value;
  return params;
}

async function platformError(promise: Promise<unknown>): Promise<PaymentPlatformError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PaymentPlatformError);
  return error as PaymentPlatformError;
}

function payUrlOf(start: PaymentStart): string {
  if (start.kind !== "redirect") throw new Error(`expected a redirect, got ${start.kind}`);
  return start.payUrl;
}

function factOf(notify: VerifiedNotify): PaymentFact {
  if (notify.kind !== "payment") throw new Error(`expected payment news, got ${notify.kind}`);
  return notify.fact;
}

describe("createPayment", () => {
  test("page: a GET URL on the gateway, signed, with Beijing timestamps and the amount in yuan", async () => {
    const start = await provider.createPayment(request());
    expect(start.kind).toBe("redirect");
    const payUrl = start.kind === "redirect" ? start.payUrl : undefined;
    expect(payUrl!.startsWith(`${gateway.url}?`)).toBe(true);
    const params = payUrlParams(payUrl!);
    expect(params).toMatchObject({
      method: "alipay.trade.page.pay",
      app_id: TEST_APP_ID,
      charset: "utf-8",
      sign_type: "RSA2",
      version: "1.0",
      timestamp: BEIJING_NOW,
      notify_url: "https://pay.example.com/api/payment/alipay/notify",
      return_url: "https://pay.example.com/api/payment/alipay/return",
    });
    expect(JSON.parse(params.biz_content)).toEqual({
      out_trade_no: ORDER_NO,
      total_amount: "12.30",
      subject: "报名费-张三",
      product_code: "FAST_INSTANT_TRADE_PAY",
      time_expire: "2026-11-22 15:45:00",
    });
    expect(params.sign).toHaveLength(344);
    expect(rsa2Verify(signContent(params, REQUEST_EXCLUDE), params.sign, appPublicKey)).toBe(true);
    expect(rsa2Verify(signContent({ ...params, total_amount: "0.01" }, REQUEST_EXCLUDE), params.sign, appPublicKey)).toBe(false);
  });

  test("(the tests run where local time is not Beijing time, so the SDK's own timestamp would be wrong)", () => {
    expect(new Date(NOW).getHours()).not.toBe(15);
  });

  test("wap: QUICK_WAP_WAY with a quit_url back to our payment page", async () => {
    const payUrl = payUrlOf(await provider.createPayment(request({ channel: "wap" })));
    const params = payUrlParams(payUrl!);
    expect(params.method).toBe("alipay.trade.wap.pay");
    expect(JSON.parse(params.biz_content)).toMatchObject({
      product_code: "QUICK_WAP_WAY",
      quit_url: `https://pay.example.com/pay/${ORDER_NO}`,
      total_amount: "12.30",
    });
    expect(rsa2Verify(signContent(params, REQUEST_EXCLUDE), params.sign, appPublicKey)).toBe(true);
  });

  test("subject: trimmed, at most 256 characters, never splitting a character", async () => {
    const long = `  ${"报".repeat(250)}${"😀".repeat(10)}  `;
    const params = payUrlParams(payUrlOf(await provider.createPayment(request({ description: long }))));
    const subject = JSON.parse(params.biz_content).subject as string;
    expect(Array.from(subject)).toHaveLength(256);
    expect(subject.endsWith("😀")).toBe(true);
  });

  test.each([
    [1, "0.01"],
    [10, "0.10"],
    [9999999, "99999.99"],
  ])("%i fen → total_amount %s", async (amountFen, yuan) => {
    const params = payUrlParams(payUrlOf(await provider.createPayment(request({ amountFen }))));
    expect(JSON.parse(params.biz_content).total_amount).toBe(yuan);
  });

  test.each([
    ["native", { channel: "native" as const }, "UNSUPPORTED_CHANNEL"],
    ["a zero amount", { amountFen: 0 }, "INVALID_AMOUNT"],
    ["a fractional amount", { amountFen: 12.5 }, "INVALID_AMOUNT"],
    ["an expiry in the past", { expiresAt: new Date(NOW - 1000) }, "INVALID_EXPIRY"],
    ["an order number with a slash", { orderNo: "A/1" }, "INVALID_OUT_TRADE_NO"],
  ])("refuses %s", async (_label, overrides, code) => {
    const error = await platformError(provider.createPayment(request(overrides)));
    expect(error).toMatchObject({ kind: "rejected", platformCode: code });
  });
});

describe("queryPayment", () => {
  const paidAnswer = {
    code: "10000",
    msg: "Success",
    buyer_logon_id: "159****5620",
    buyer_pay_amount: "12.30",
    out_trade_no: ORDER_NO,
    receipt_amount: "12.30",
    send_pay_date: "2026-11-22 15:30:00",
    total_amount: "12.30",
    trade_no: "2026112222001446880500000001",
    trade_status: "TRADE_SUCCESS",
  };

  test("a paid trade, asked with a signed request carrying a Beijing timestamp", async () => {
    gateway.handle(() => ({ inner: paidAnswer }));
    expect(await provider.queryPayment(ORDER_NO)).toEqual({
      kind: "paid",
      orderNo: ORDER_NO,
      platformTradeNo: "2026112222001446880500000001",
      amountFen: 1230,
      paidAt: new Date("2026-11-22T07:30:00Z"),
      appId: TEST_APP_ID,
      source: "query",
    });
    const seen = lastRequest();
    expect(seen.signatureValid).toBe(true);
    expect(seen.httpMethod).toBe("POST");
    expect(seen.params).toMatchObject({ method: "alipay.trade.query", app_id: TEST_APP_ID, timestamp: BEIJING_NOW, sign_type: "RSA2" });
    expect(seen.queryKeys).toContain("timestamp");
    expect(seen.biz).toEqual({ out_trade_no: ORDER_NO });
  });

  test("WAIT_BUYER_PAY → unpaid, TRADE_CLOSED → closed", async () => {
    gateway.handle(() => ({ inner: { ...paidAnswer, trade_status: "WAIT_BUYER_PAY", send_pay_date: undefined } }));
    expect(await provider.queryPayment(ORDER_NO)).toMatchObject({ kind: "unpaid", orderNo: ORDER_NO });
    gateway.handle(() => ({ inner: { ...paidAnswer, trade_status: "TRADE_CLOSED" } }));
    expect(await provider.queryPayment(ORDER_NO)).toMatchObject({ kind: "closed", orderNo: ORDER_NO });
  });

  test("ACQ.TRADE_NOT_EXIST → not_found (the payer never opened the cashier)", async () => {
    gateway.handle(() => ({
      inner: { code: "40004", msg: "Business Failed", sub_code: "ACQ.TRADE_NOT_EXIST", sub_msg: "交易不存在", out_trade_no: ORDER_NO },
    }));
    expect(await provider.queryPayment(ORDER_NO)).toEqual({ kind: "not_found", orderNo: ORDER_NO, source: "query" });
  });

  test("a forged answer (signed by another key) is refused as unavailable", async () => {
    gateway.handle(() => ({ inner: paidAnswer, signWith: keys.roguePrivatePem }));
    const error = await platformError(provider.queryPayment(ORDER_NO));
    expect(error).toMatchObject({ kind: "unavailable", platformCode: "INVALID_RESPONSE_SIGNATURE" });
  });

  test("an unsigned answer is refused as unavailable", async () => {
    gateway.handle(() => ({ raw: `{"alipay_trade_query_response":${alipayJson(paidAnswer)}}` }));
    expect(await platformError(provider.queryPayment(ORDER_NO))).toMatchObject({ kind: "unavailable" });
  });

  test("a genuine unpaid answer with a forged paid node appended is refused (the stock SDK check accepts it)", async () => {
    const waiting = { ...paidAnswer, trade_status: "WAIT_BUYER_PAY", send_pay_date: undefined };
    const genuine = signedBody("alipay_trade_query_response", waiting, keys.alipayPrivatePem);
    const spliced = genuine.replace(/}$/, `,"alipay_trade_query_response":${alipayJson(paidAnswer)}}`);
    gateway.handle(() => ({ raw: spliced }));
    expect(await platformError(provider.queryPayment(ORDER_NO))).toMatchObject({ kind: "unavailable", platformCode: "INVALID_RESPONSE_SIGNATURE" });

    const stock = new AlipaySdk({
      appId: TEST_APP_ID,
      privateKey: keys.appPrivatePem,
      alipayPublicKey: keys.alipayPublicPem,
      gateway: gateway.url,
      camelcase: false,
    });
    const believed = await stock.exec("alipay.trade.query", { bizContent: { out_trade_no: ORDER_NO } }, { validateSign: true });
    expect(believed.trade_status).toBe("TRADE_SUCCESS");
  });

  test("an answer about another trade is refused", async () => {
    gateway.handle(() => ({ inner: { ...paidAnswer, out_trade_no: "20261122153000999999999" } }));
    expect(await platformError(provider.queryPayment(ORDER_NO))).toMatchObject({ kind: "unavailable", platformCode: "MISMATCHED_RESPONSE" });
  });

  test("a paid answer with a malformed amount is unavailable, never rounded", async () => {
    gateway.handle(() => ({ inner: { ...paidAnswer, total_amount: "12.305" } }));
    expect(await platformError(provider.queryPayment(ORDER_NO))).toMatchObject({ kind: "unavailable", platformCode: "MALFORMED_RESPONSE" });
  });

  test.each([
    ["20000 service unavailable", { code: "20000", msg: "Service Currently Unavailable", sub_code: "isp.unknow-error", sub_msg: "系统繁忙" }, "unavailable", "isp.unknow-error"],
    ["ACQ.SYSTEM_ERROR", { code: "40004", msg: "Business Failed", sub_code: "ACQ.SYSTEM_ERROR", sub_msg: "系统错误" }, "unavailable", "ACQ.SYSTEM_ERROR"],
    ["ACQ.INVALID_PARAMETER", { code: "40004", msg: "Business Failed", sub_code: "ACQ.INVALID_PARAMETER", sub_msg: "参数无效" }, "rejected", "ACQ.INVALID_PARAMETER"],
    ["40006 insufficient permissions", { code: "40006", msg: "Insufficient Permissions", sub_code: "isv.insufficient-isv-permissions", sub_msg: "ISV权限不足" }, "rejected", "isv.insufficient-isv-permissions"],
  ])("%s → %s", async (_label, inner, kind, code) => {
    gateway.handle(() => ({ inner }));
    const error = await platformError(provider.queryPayment(ORDER_NO));
    expect(error).toMatchObject({ kind, platformCode: code });
    if (kind === "rejected") expect(error.message).toContain(inner.sub_msg);
  });

  test("a signed error_response → rejected", async () => {
    gateway.handle(() => ({ key: "error_response", inner: { code: "40002", msg: "Invalid Arguments", sub_code: "isv.invalid-app-id", sub_msg: "无效的AppID参数" } }));
    expect(await platformError(provider.queryPayment(ORDER_NO))).toMatchObject({ kind: "rejected", platformCode: "isv.invalid-app-id" });
  });

  test("our request signed with the wrong key: the gateway's isv.invalid-signature is a rejection", async () => {
    const wrongKey = createAlipayProvider(testAccount({ gatewayUrl: gateway.url, privateKeyPem: keys.roguePrivatePem }), { now: () => NOW });
    expect(await platformError(wrongKey.queryPayment(ORDER_NO))).toMatchObject({ kind: "rejected", platformCode: "isv.invalid-signature" });
    expect(lastRequest().signatureValid).toBe(false);
  });

  test("HTTP 502 and a non-JSON body are unavailable", async () => {
    gateway.handle(() => ({ raw: "<html>Bad Gateway</html>", status: 502 }));
    expect(await platformError(provider.queryPayment(ORDER_NO))).toMatchObject({ kind: "unavailable", platformCode: "GATEWAY_ERROR" });
    gateway.handle(() => ({ raw: "<html>maintenance</html>" }));
    expect(await platformError(provider.queryPayment(ORDER_NO))).toMatchObject({ kind: "unavailable" });
  });

  test("no gateway listening is unavailable", async () => {
    const closed = await startFakeGateway();
    await closed.close();
    const offline = createAlipayProvider(testAccount({ gatewayUrl: closed.url }), { now: () => NOW });
    expect(await platformError(offline.queryPayment(ORDER_NO))).toMatchObject({ kind: "unavailable", platformCode: "GATEWAY_ERROR" });
  });
});

describe("closePayment", () => {
  test.each([
    ["10000", "closed", { code: "10000", msg: "Success", out_trade_no: ORDER_NO, trade_no: "2026112222001446880500000001" }],
    ["ACQ.TRADE_NOT_EXIST", "not_found", { code: "40004", msg: "Business Failed", sub_code: "ACQ.TRADE_NOT_EXIST", sub_msg: "交易不存在" }],
    ["ACQ.TRADE_STATUS_ERROR", "already_paid", { code: "40004", msg: "Business Failed", sub_code: "ACQ.TRADE_STATUS_ERROR", sub_msg: "交易状态不合法" }],
    ["ACQ.TRADE_HAS_CLOSE", "closed", { code: "40004", msg: "Business Failed", sub_code: "ACQ.TRADE_HAS_CLOSE", sub_msg: "交易已经关闭" }],
  ])("%s → %s", async (_label, outcome, inner) => {
    gateway.handle(() => ({ inner }));
    expect(await provider.closePayment(ORDER_NO)).toBe(outcome);
    expect(lastRequest().params).toMatchObject({ method: "alipay.trade.close", timestamp: BEIJING_NOW });
    expect(lastRequest().biz).toEqual({ out_trade_no: ORDER_NO });
    expect(lastRequest().signatureValid).toBe(true);
  });

  test("a forged close answer is unavailable, and SYSTEM_ERROR too", async () => {
    gateway.handle(() => ({ inner: { code: "10000", msg: "Success" }, signWith: keys.roguePrivatePem }));
    expect(await platformError(provider.closePayment(ORDER_NO))).toMatchObject({ kind: "unavailable" });
    gateway.handle(() => ({ inner: { code: "40004", msg: "Business Failed", sub_code: "ACQ.SYSTEM_ERROR" } }));
    expect(await platformError(provider.closePayment(ORDER_NO))).toMatchObject({ kind: "unavailable" });
  });
});

// Notifies and returns signed the way Alipay signs them (sign and sign_type excluded).
function signNotify(fields: Params, privatePem = keys.alipayPrivatePem): Params {
  return { ...fields, sign: rsa2Sign(signContent(fields, NOTIFY_EXCLUDE), privatePem) };
}

const NOTIFY_FIELDS: Params = {
  notify_time: "2026-11-22 15:30:06",
  notify_type: "trade_status_sync",
  notify_id: "2026112200222153005046880500000001",
  app_id: TEST_APP_ID,
  auth_app_id: TEST_APP_ID,
  charset: "utf-8",
  version: "1.0",
  sign_type: "RSA2",
  trade_no: "2026112222001446880500000001",
  out_trade_no: ORDER_NO,
  trade_status: "TRADE_SUCCESS",
  total_amount: "12.30",
  receipt_amount: "12.30",
  buyer_pay_amount: "12.30",
  fund_bill_list: '[{"amount":"12.30","fundChannel":"ALIPAYACCOUNT"}]',
  seller_id: TEST_SELLER_ID,
  buyer_logon_id: "159****5620",
  gmt_create: "2026-11-22 15:29:40",
  gmt_payment: "2026-11-22 15:30:05",
  subject: "报名费 100% & a=b",
};

const notifyInput = (params: Params) => ({
  headers: new Headers({ "content-type": "application/x-www-form-urlencoded; text/html; charset=utf-8" }),
  rawBody: new URLSearchParams(params).toString(),
});

async function rejection(promise: Promise<unknown>): Promise<NotifyRejectedError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NotifyRejectedError);
  return error as NotifyRejectedError;
}

describe("parseNotify", () => {
  test("a genuine paid notify → its id and a paid fact", async () => {
    expect(await provider.parseNotify(notifyInput(signNotify(NOTIFY_FIELDS)))).toEqual({
      kind: "payment",
      notifyId: "2026112200222153005046880500000001",
      fact: {
        kind: "paid",
        orderNo: ORDER_NO,
        platformTradeNo: "2026112222001446880500000001",
        amountFen: 1230,
        paidAt: new Date("2026-11-22T07:30:05Z"),
        appId: TEST_APP_ID,
        merchantId: TEST_SELLER_ID,
        source: "notify",
      },
    });
  });

  test("a genuine closed notify → closed", async () => {
    const { gmt_payment: _p, receipt_amount: _r, buyer_pay_amount: _b, fund_bill_list: _f, ...rest } = NOTIFY_FIELDS;
    const notify = await provider.parseNotify(notifyInput(signNotify({ ...rest, trade_status: "TRADE_CLOSED", gmt_close: "2026-11-22 15:45:00" })));
    expect(factOf(notify)).toMatchObject({ kind: "closed", orderNo: ORDER_NO, source: "notify" });
  });

  test("without a configured seller id, the fact carries no merchantId to compare", async () => {
    const noSeller = createAlipayProvider(testAccount({ gatewayUrl: gateway.url, sellerId: undefined }));
    expect(noSeller.merchantId).toBe("");
    const notify = await noSeller.parseNotify(notifyInput(signNotify(NOTIFY_FIELDS)));
    expect(factOf(notify)).toMatchObject({ kind: "paid", merchantId: undefined });
  });

  test.each([
    ["forged (another key)", () => signNotify(NOTIFY_FIELDS, keys.roguePrivatePem), "SIGN_ERROR"],
    ["with a tampered amount", () => ({ ...signNotify(NOTIFY_FIELDS), total_amount: "0.01" }), "SIGN_ERROR"],
    ["without sign", () => ({ ...NOTIFY_FIELDS }), "SIGN_ERROR"],
    ["with sign_type RSA", () => ({ ...signNotify(NOTIFY_FIELDS), sign_type: "RSA" }), "SIGN_ERROR"],
    ["from another app", () => signNotify({ ...NOTIFY_FIELDS, app_id: "2021000000009999" }), "APP_ID_MISMATCH"],
    ["to another seller", () => signNotify({ ...NOTIFY_FIELDS, seller_id: "2088000000009999" }), "SELLER_MISMATCH"],
    ["with a malformed amount (signed)", () => signNotify({ ...NOTIFY_FIELDS, total_amount: "1.005" }), "MALFORMED"],
    ["with an amount in exponent form (signed)", () => signNotify({ ...NOTIFY_FIELDS, total_amount: "1e3" }), "MALFORMED"],
    ["without notify_id (signed)", () => signNotify({ ...NOTIFY_FIELDS, notify_id: "" }), "MALFORMED"],
    ["with an unknown trade_status (signed)", () => signNotify({ ...NOTIFY_FIELDS, trade_status: "TRADE_REFUNDED" }), "MALFORMED"],
  ])("refuses a notify %s", async (_label, build, code) => {
    const error = await rejection(provider.parseNotify(notifyInput(build())));
    expect(error.code).toBe(code);
  });

  test("refuses a repeated field (the signed value and the read value could differ)", async () => {
    const body = `${new URLSearchParams(signNotify(NOTIFY_FIELDS)).toString()}&total_amount=0.01`;
    const error = await rejection(provider.parseNotify({ headers: new Headers(), rawBody: body }));
    expect(error.code).toBe("MALFORMED");
  });

  test("refuses an empty or non-form body", async () => {
    expect((await rejection(provider.parseNotify({ headers: new Headers(), rawBody: "" }))).code).toBe("SIGN_ERROR");
    expect((await rejection(provider.parseNotify({ headers: new Headers(), rawBody: '{"trade_status":"TRADE_SUCCESS"}' }))).code).toBe("SIGN_ERROR");
  });

  test("acknowledge is exactly `success`; reject is `fail`", async () => {
    const ack = provider.acknowledge();
    expect(ack.status).toBe(200);
    expect(ack.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await ack.text()).toBe("success");
    const no = provider.reject(new NotifyRejectedError("SIGN_ERROR", "x"));
    expect(no.status).toBe(200);
    expect(await no.text()).toBe("fail");
  });
});

describe("verifyReturn", () => {
  const RETURN_FIELDS: Params = {
    charset: "utf-8",
    out_trade_no: ORDER_NO,
    method: "alipay.trade.page.pay.return",
    total_amount: "12.30",
    trade_no: "2026112222001446880500000001",
    auth_app_id: TEST_APP_ID,
    version: "1.0",
    app_id: TEST_APP_ID,
    sign_type: "RSA2",
    seller_id: TEST_SELLER_ID,
    timestamp: "2026-11-22 15:30:07",
  };

  test("a genuine return → the order number", () => {
    expect(provider.verifyReturn(new URLSearchParams(signNotify(RETURN_FIELDS)))).toEqual({ orderNo: ORDER_NO });
  });

  test.each([
    ["tampered", () => ({ ...signNotify(RETURN_FIELDS), out_trade_no: "20261122153000999999999" }), "SIGN_ERROR"],
    ["unsigned", () => RETURN_FIELDS, "SIGN_ERROR"],
    ["from another app", () => signNotify({ ...RETURN_FIELDS, app_id: "2021000000009999" }), "APP_ID_MISMATCH"],
    ["without out_trade_no", () => signNotify({ ...RETURN_FIELDS, out_trade_no: "" }), "MALFORMED"],
  ])("refuses a return %s", (_label, build, code) => {
    let error: unknown;
    try {
      provider.verifyReturn(new URLSearchParams(build()));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NotifyRejectedError);
    expect((error as NotifyRejectedError).code).toBe(code);
  });
});

describe("certificate mode", () => {
  test("requests carry the cert serials; answers and notifies verify with the key in the Alipay public cert", async () => {
    const certProvider = createAlipayProvider(testCertAccount({ gatewayUrl: gateway.url }), { now: () => NOW });
    gateway.handle(() => ({
      inner: { code: "10000", msg: "Success", out_trade_no: ORDER_NO, trade_no: "T1", trade_status: "WAIT_BUYER_PAY", total_amount: "12.30" },
      certSn: "1f39ce9d582607c5528d61602b0abfab",
    }));
    expect(await certProvider.queryPayment(ORDER_NO)).toMatchObject({ kind: "unpaid" });
    const seen = lastRequest();
    expect(seen.signatureValid).toBe(true);
    expect(seen.params.app_cert_sn).toMatch(/^[0-9a-f]{32}$/);
    expect(seen.params.alipay_root_cert_sn).toMatch(/^[0-9a-f]{32}$/);

    expect(factOf(await certProvider.parseNotify(notifyInput(signNotify(NOTIFY_FIELDS)))).kind).toBe("paid");
    const forged = await rejection(certProvider.parseNotify(notifyInput(signNotify(NOTIFY_FIELDS, keys.roguePrivatePem))));
    expect(forged.code).toBe("SIGN_ERROR");

    gateway.handle(() => ({ inner: { code: "10000", msg: "Success" }, signWith: keys.roguePrivatePem }));
    expect(await platformError(certProvider.queryPayment(ORDER_NO))).toMatchObject({ kind: "unavailable" });
  });

  test("a partial certificate set is refused at construction", () => {
    expect(() => createAlipayProvider(testCertAccount({ alipayRootCertPem: undefined }))).toThrow(/三份证书|同时提供/);
  });

  test("an unparsable certificate is refused at construction without echoing it", () => {
    const junk = "-----BEGIN CERTIFICATE-----\nTUlJQ0lqQU5CZ2txaGtpRzl3\n-----END CERTIFICATE-----\n";
    expect(() => createAlipayProvider(testCertAccount({ appCertPem: junk }))).toThrow(/证书/);
  });
});

describe("construction", () => {
  test.each([
    ["http on a public host", "http://openapi.alipay.com/gateway.do", /https/],
    ["not a URL", "openapi.alipay.com/gateway.do", /URL/],
    ["a query string", "https://openapi.alipay.com/gateway.do?charset=utf-8", /查询串/],
    ["credentials", "https://user:pass@openapi.alipay.com/gateway.do", /用户名/],
  ])("refuses a gateway URL with %s", (_label, gatewayUrl, message) => {
    expect(() => createAlipayProvider(testAccount({ gatewayUrl }))).toThrow(message);
  });

  test.each(["http://127.0.0.1:3000/sandbox/alipay/gateway.do", "http://localhost/gateway.do", "http://[::1]:8080/gateway.do", "https://openapi-sandbox.dl.alipaydev.com/gateway.do"])(
    "accepts %s",
    (gatewayUrl) => {
      expect(() => createAlipayProvider(testAccount({ gatewayUrl }))).not.toThrow();
    },
  );

  test("refuses an account with neither an Alipay public key nor certificates", () => {
    expect(() => createAlipayProvider(testAccount({ alipayPublicKeyPem: undefined }))).toThrow(/支付宝公钥/);
  });

  test("refuses a broken private key without echoing it", () => {
    const broken = "-----BEGIN RSA PRIVATE KEY-----\nc2VjcmV0LWJ1dC1icm9rZW4=\n-----END RSA PRIVATE KEY-----\n";
    let message = "";
    try {
      createAlipayProvider(testAccount({ privateKeyPem: broken }));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/私钥/);
    expect(message).not.toContain("c2VjcmV0");
  });

  test.each([
    ["PKCS#8 PEM", () => crypto.createPrivateKey(keys.appPrivatePem).export({ type: "pkcs8", format: "pem" }).toString()],
    ["bare PKCS#1 base64 (Alipay's key tool)", () => bareBody(keys.appPrivatePem)],
    ["a PKCS#1 body under a PKCS#8 label", () => keys.appPrivatePem.replaceAll("RSA PRIVATE KEY", "PRIVATE KEY")],
  ])("accepts the app key as %s, and its signatures verify", async (_label, pem) => {
    const p = createAlipayProvider(testAccount({ gatewayUrl: gateway.url, privateKeyPem: pem(), alipayPublicKeyPem: bareBody(keys.alipayPublicPem) }), {
      now: () => NOW,
    });
    const params = payUrlParams(payUrlOf(await p.createPayment(request())));
    expect(rsa2Verify(signContent(params, REQUEST_EXCLUDE), params.sign, appPublicKey)).toBe(true);
  });
});

function bareBody(pem: string): string {
  return pem.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, "");
}
