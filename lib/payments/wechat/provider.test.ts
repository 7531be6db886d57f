import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { PaymentPlatformError, type PaymentRequest } from "../types";
import { fixtureKeys, FIXTURE_SERIALS, testAccount } from "./__fixtures__/keys";
import { paidTransaction } from "./__fixtures__/platform";
import { startFakePlatform, type Reply } from "./__fixtures__/fake-platform";
import { createWechatProvider } from "./index";

const keys = fixtureKeys();
const ORDER_NO = "20261122152935123456789";
const PREFIX = "/sandbox/wechat";

let reply: (method: string, path: string, body: string) => Reply;
let platform: Awaited<ReturnType<typeof startFakePlatform>>;

beforeAll(async () => {
  platform = await startFakePlatform({
    prefix: PREFIX,
    merchantCertPem: keys.merchantCertPem,
    mchId: "1900000109",
    apiV3Key: testAccount().apiV3Key,
    signer: { privateKeyPem: keys.publicKeyPrivatePem, serial: FIXTURE_SERIALS.publicKeyId },
    rogueKeyPem: keys.rogueKeyPem,
    route: (method, path, body) => reply(method, path, body),
  });
});
afterAll(() => platform.close());
beforeEach(() => {
  platform.seen.length = 0;
  reply = defaultRoutes;
});

/** Orders the fake platform knows: ORDER_NO is paid, "20261122000000000000001" is unpaid. */
function defaultRoutes(method: string, path: string): Reply {
  if (method === "POST" && path === "/v3/pay/transactions/native") {
    return { status: 200, body: { code_url: "weixin://wxpay/bizpayurl?pr=JyC91EIz1" } };
  }
  const query = /^\/v3\/pay\/transactions\/out-trade-no\/([^/?]+)\?mchid=1900000109$/.exec(path);
  if (method === "GET" && query) {
    if (query[1] === ORDER_NO) return { status: 200, body: paidTransaction() };
    if (query[1] === "20261122000000000000001") {
      return {
        status: 200,
        body: { ...paidTransaction({ out_trade_no: query[1], trade_state: "NOTPAY" }), transaction_id: undefined, success_time: undefined },
      };
    }
    return { status: 404, body: { code: "ORDER_NOT_EXIST", message: "订单不存在" } };
  }
  if (method === "POST" && /^\/v3\/pay\/transactions\/out-trade-no\/[^/]+\/close$/.test(path)) return { status: 204 };
  return { status: 404, body: { code: "NOT_FOUND", message: "no route" } };
}

const provider = (overrides = {}, options = {}) => createWechatProvider(testAccount({ apiBaseUrl: platform.baseUrl, ...overrides }), options);

const request: PaymentRequest = {
  orderNo: ORDER_NO,
  amountFen: 1230,
  description: "报名费-张三",
  expiresAt: new Date("2026-11-22T08:30:00Z"),
  channel: "native",
};

async function platformError(promise: Promise<unknown>): Promise<PaymentPlatformError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PaymentPlatformError);
  return error as PaymentPlatformError;
}

describe("createPayment", () => {
  test("posts a signed Native order under the base URL's prefix and returns the code_url", async () => {
    await expect(provider().createPayment(request)).resolves.toEqual({ kind: "qr", codeUrl: "weixin://wxpay/bizpayurl?pr=JyC91EIz1" });
    const [seen] = platform.seen;
    expect(seen.method).toBe("POST");
    expect(seen.target).toBe(`${PREFIX}/v3/pay/transactions/native`);
    expect(JSON.parse(seen.body)).toEqual({
      appid: "wxd678efh567hg6787",
      mchid: "1900000109",
      description: "报名费-张三",
      out_trade_no: ORDER_NO,
      time_expire: "2026-11-22T16:30:00+08:00",
      notify_url: "https://pay.example.com/api/payment/wechat/notify",
      amount: { total: 1230, currency: "CNY" },
    });
    expect(seen.headers["content-type"]).toBe("application/json");
    expect(seen.headers["accept"]).toBe("application/json");
    expect(seen.headers["user-agent"]).toMatch(/pay-forms/);
    expect(seen.headers["wechatpay-serial"]).toBe(FIXTURE_SERIALS.publicKeyId);
    expect(seen.headers.authorization).toContain(`serial_no="${FIXTURE_SERIALS.merchantCert}"`);
  });

  test("trims the description to 127 characters without splitting one", async () => {
    await provider().createPayment({ ...request, description: `  ${"报".repeat(126)}😀😀  ` });
    const { description } = JSON.parse(platform.seen[0].body);
    expect(Array.from(description)).toHaveLength(127);
    expect(description.endsWith("😀")).toBe(true);
  });

  test("a base URL with a trailing slash still signs /v3/...", async () => {
    await expect(provider({ apiBaseUrl: `${platform.baseUrl}/` }).createPayment(request)).resolves.toHaveProperty("codeUrl");
  });

  test.each([
    ["channel page", { channel: "page" as const }, "UNSUPPORTED_CHANNEL"],
    ["an order number with a slash", { orderNo: "2026/../1234" }, "INVALID_OUT_TRADE_NO"],
    ["an order number too short", { orderNo: "12345" }, "INVALID_OUT_TRADE_NO"],
    ["zero fen", { amountFen: 0 }, "INVALID_AMOUNT"],
    ["fractional fen", { amountFen: 12.5 }, "INVALID_AMOUNT"],
    ["an invalid expiry", { expiresAt: new Date(Number.NaN) }, "INVALID_EXPIRY"],
  ])("refuses %s without calling the platform", async (_label, change, code) => {
    const error = await platformError(provider().createPayment({ ...request, ...change }));
    expect([error.kind, error.platformCode]).toEqual(["rejected", code]);
    expect(platform.seen).toHaveLength(0);
  });
});

describe("queryPayment", () => {
  test("a paid order is a paid fact from the query", async () => {
    await expect(provider().queryPayment(ORDER_NO)).resolves.toEqual({
      kind: "paid",
      orderNo: ORDER_NO,
      platformTradeNo: "4200000000202611220000000001",
      amountFen: 1230,
      paidAt: new Date("2026-11-22T07:29:35Z"),
      appId: "wxd678efh567hg6787",
      merchantId: "1900000109",
      source: "query",
    });
    expect(platform.seen[0].target).toBe(`${PREFIX}/v3/pay/transactions/out-trade-no/${ORDER_NO}?mchid=1900000109`);
  });

  test("an unpaid order is unpaid; an unknown one is not_found", async () => {
    await expect(provider().queryPayment("20261122000000000000001")).resolves.toMatchObject({ kind: "unpaid" });
    await expect(provider().queryPayment("20261122999999999999999")).resolves.toEqual({
      kind: "not_found",
      orderNo: "20261122999999999999999",
      source: "query",
    });
  });

  test("an answer about another order is refused", async () => {
    reply = () => ({ status: 200, body: paidTransaction({ out_trade_no: "20261122000000000000002" }) });
    expect((await platformError(provider().queryPayment(ORDER_NO))).platformCode).toBe("MISMATCHED_RESPONSE");
  });
});

describe("closePayment", () => {
  test("204 is closed", async () => {
    await expect(provider().closePayment(ORDER_NO)).resolves.toBe("closed");
    const [seen] = platform.seen;
    expect(seen.target).toBe(`${PREFIX}/v3/pay/transactions/out-trade-no/${ORDER_NO}/close`);
    expect(JSON.parse(seen.body)).toEqual({ mchid: "1900000109" });
  });

  test.each([
    ["ORDERPAID", 400, "already_paid"],
    ["ORDER_PAID", 403, "already_paid"],
    ["ORDER_NOT_EXIST", 404, "not_found"],
    ["ORDER_CLOSED", 400, "closed"],
  ])("%s is %s", async (code, status, outcome) => {
    reply = () => ({ status, body: { code, message: "…" } });
    await expect(provider().closePayment(ORDER_NO)).resolves.toBe(outcome);
  });
});

describe("answers that cannot be trusted or did not succeed", () => {
  test.each([
    ["unsigned", "none"],
    ["signed by another key", "rogue"],
    ["a WECHATPAY/SIGNTEST/ probe", "probe"],
    ["signed 10 minutes ago", { timestampOffsetSeconds: -600 }],
  ] as const)("a 200 that is %s is unavailable", async (_label, signing) => {
    reply = () => ({ status: 200, body: { code_url: "weixin://wxpay/bizpayurl?pr=forged" }, signing });
    const error = await platformError(provider().createPayment(request));
    expect([error.kind, error.platformCode]).toEqual(["unavailable", "UNVERIFIED_RESPONSE"]);
  });

  test("an unsigned 204 close is unavailable, and an unsigned 404 is not taken as not_found", async () => {
    reply = () => ({ status: 204, signing: "none" });
    expect((await platformError(provider().closePayment(ORDER_NO))).kind).toBe("unavailable");
    reply = () => ({ status: 404, body: { code: "ORDER_NOT_EXIST", message: "订单不存在" }, signing: "none" });
    expect((await platformError(provider().queryPayment(ORDER_NO))).kind).toBe("unavailable");
  });

  test("a signed 400 INVALID_REQUEST is rejected", async () => {
    reply = () => ({ status: 400, body: { code: "INVALID_REQUEST", message: "请求重入时，参数与首次请求时不一致" } });
    const error = await platformError(provider().createPayment(request));
    expect([error.kind, error.platformCode]).toEqual(["rejected", "INVALID_REQUEST"]);
    expect(error.message).toContain("参数与首次请求时不一致");
  });

  test.each([
    [500, "SYSTEM_ERROR", "signed"],
    [429, "FREQUENCY_LIMITED", "signed"],
    [502, "HTTP_502", "none"],
  ])("%i %s is unavailable", async (status, code, signed) => {
    reply = () => ({
      status,
      body: code.startsWith("HTTP_") ? undefined : { code, message: "稍后再试" },
      signing: signed === "none" ? "none" : "valid",
    });
    const error = await platformError(provider().queryPayment(ORDER_NO));
    expect([error.kind, error.platformCode]).toEqual(["unavailable", code]);
  });

  test("a request signed with the wrong merchant key gets the platform's unsigned 401: rejected SIGN_ERROR", async () => {
    const error = await platformError(provider({ privateKeyPem: keys.rogueKeyPem }).createPayment(request));
    expect([error.kind, error.platformCode]).toEqual(["rejected", "SIGN_ERROR"]);
    expect(error.message).toContain("验签失败");
  });

  test("no answer at all is unavailable", async () => {
    const closed = await startFakePlatform({ ...fakeOptions(), route: defaultRoutes });
    await closed.close();
    const error = await platformError(provider({ apiBaseUrl: closed.baseUrl }).queryPayment(ORDER_NO));
    expect([error.kind, error.platformCode]).toEqual(["unavailable", "NETWORK_ERROR"]);
  });

  test("a timeout is unavailable", async () => {
    const fetchImpl = (async () => {
      throw new DOMException("The operation was aborted due to timeout", "TimeoutError");
    }) as typeof fetch;
    const error = await platformError(provider({}, { fetchImpl }).queryPayment(ORDER_NO));
    expect([error.kind, error.platformCode]).toEqual(["unavailable", "TIMEOUT"]);
  });
});

describe("platform certificate mode", () => {
  test("downloads the certificates once, decrypts them with the APIv3 key, and verifies with them", async () => {
    const certMode = await startFakePlatform({
      ...fakeOptions(),
      signer: { privateKeyPem: keys.platformCertKeyPem, serial: FIXTURE_SERIALS.platformCert },
      platformCertPem: keys.platformCertPem,
      route: defaultRoutes,
    });
    try {
      const wechat = provider({ apiBaseUrl: certMode.baseUrl, platformPublicKeyPem: undefined, platformPublicKeyId: undefined });
      await expect(wechat.queryPayment(ORDER_NO)).resolves.toMatchObject({ kind: "paid" });
      await expect(wechat.closePayment(ORDER_NO)).resolves.toBe("closed");
      const targets = certMode.seen.map((r) => `${r.method} ${r.target}`);
      expect(targets.filter((t) => t.endsWith("/v3/certificates"))).toEqual([`GET ${PREFIX}/v3/certificates`]);
      expect(certMode.seen.every((r) => r.headers["wechatpay-serial"] === undefined)).toBe(true);
    } finally {
      await certMode.close();
    }
  });

  test("a public-key account is not fooled by a certificate it cannot fetch", async () => {
    const certMode = await startFakePlatform({
      ...fakeOptions(),
      signer: { privateKeyPem: keys.platformCertKeyPem, serial: FIXTURE_SERIALS.platformCert },
      route: defaultRoutes,
    });
    try {
      const error = await platformError(provider({ apiBaseUrl: certMode.baseUrl }).queryPayment(ORDER_NO));
      expect([error.kind, error.platformCode]).toEqual(["unavailable", "UNVERIFIED_RESPONSE"]);
    } finally {
      await certMode.close();
    }
  });
});

describe("construction", () => {
  test.each([
    ["plain http to another host", { apiBaseUrl: "http://api.example.com/wechat" }, /https/],
    ["a base URL with a query", { apiBaseUrl: "https://api.mch.weixin.qq.com/?x=1" }, /查询串/],
    ["an APIv3 key of the wrong length", { apiV3Key: "short" }, /32/],
    ["an unreadable private key", { privateKeyPem: "not a key" }, /私钥/],
    ["a public key without its id", { platformPublicKeyId: undefined }, /公钥/],
  ])("throws on %s, without showing secrets", (_label, change, message) => {
    const build = () => createWechatProvider(testAccount(change));
    expect(build).toThrow(message);
    try {
      build();
    } catch (error) {
      expect(String(error)).not.toContain("PRIVATE KEY");
      expect(String(error)).not.toContain(testAccount().apiV3Key);
    }
  });

  test.each(["http://127.0.0.1:3000/sandbox/wechat", "http://localhost:3000", "http://[::1]:3000", "https://api.mch.weixin.qq.com"])(
    "accepts %s",
    (apiBaseUrl) => {
      expect(createWechatProvider(testAccount({ apiBaseUrl })).id).toBe("wechat");
    },
  );
});

function fakeOptions() {
  return {
    prefix: PREFIX,
    merchantCertPem: keys.merchantCertPem,
    mchId: "1900000109",
    apiV3Key: testAccount().apiV3Key,
    signer: { privateKeyPem: keys.publicKeyPrivatePem, serial: FIXTURE_SERIALS.publicKeyId },
    rogueKeyPem: keys.rogueKeyPem,
  };
}
