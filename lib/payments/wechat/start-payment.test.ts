// JSAPI and H5 through the adapter against a minimal signed platform: the right body on the wire
// (payer.openid; scene_info with the payer's IP and h5_info.type Wap), the answer mapped to what
// the page must do, and input WeChat would refuse never sent.
import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import { PaymentPlatformError, type PaymentRequest } from "../types";
import { fixtureKeys, FIXTURE_SERIALS, testAccount } from "./__fixtures__/keys";
import { startFakePlatform, type Reply } from "./__fixtures__/fake-platform";
import { createWechatProvider } from "./index";
import { channelOfTradeType } from "./trade-type";

const keys = fixtureKeys();
const PREFIX = "/sandbox/wechat";
let reply: (method: string, path: string) => Reply;
let platform: Awaited<ReturnType<typeof startFakePlatform>>;

beforeAll(async () => {
  platform = await startFakePlatform({
    prefix: PREFIX,
    merchantCertPem: keys.merchantCertPem,
    mchId: "1900000109",
    apiV3Key: testAccount().apiV3Key,
    signer: { privateKeyPem: keys.publicKeyPrivatePem, serial: FIXTURE_SERIALS.publicKeyId },
    rogueKeyPem: keys.rogueKeyPem,
    route: (method, path) => reply(method, path),
  });
});
afterAll(() => platform.close());
beforeEach(() => {
  platform.seen.length = 0;
  reply = (method, path) => {
    if (method === "POST" && path === "/v3/pay/transactions/jsapi") return { status: 200, body: { prepay_id: "wx201410272009395522657a690389285100" } };
    if (method === "POST" && path === "/v3/pay/transactions/h5") return { status: 200, body: { h5_url: "https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx2016121516420242444321ca0631331346&package=1405458241" } };
    return { status: 404, body: { code: "NOT_FOUND", message: "no route" } };
  };
});

const provider = () => createWechatProvider(testAccount({ apiBaseUrl: platform.baseUrl }));
const base: PaymentRequest = { orderNo: "20261122152935123456789", amountFen: 1230, description: "报名费-张三", expiresAt: new Date("2026-11-22T08:30:00Z"), channel: "jsapi" };

test("jsapi posts payer.openid, signed over the prefixed path, and answers the prepay id", async () => {
  await expect(provider().createPayment({ ...base, payerOpenId: "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" })).resolves.toEqual({ kind: "jsapi", prepayId: "wx201410272009395522657a690389285100" });
  const [seen] = platform.seen;
  expect(seen.target).toBe(`${PREFIX}/v3/pay/transactions/jsapi`);
  expect(JSON.parse(seen.body)).toMatchObject({ appid: "wxd678efh567hg6787", mchid: "1900000109", amount: { total: 1230, currency: "CNY" }, payer: { openid: "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" } });
});

test("h5 posts the payer's IP and h5_info.type Wap, and answers the h5_url to go to", async () => {
  const start = await provider().createPayment({ ...base, channel: "h5", payerClientIp: "203.0.113.7" });
  expect(start).toEqual({ kind: "redirect", payUrl: "https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx2016121516420242444321ca0631331346&package=1405458241" });
  expect(JSON.parse(platform.seen[0].body).scene_info).toEqual({ payer_client_ip: "203.0.113.7", h5_info: { type: "Wap" } });
});

test.each([
  ["jsapi without an openid", { channel: "jsapi" as const }, "MISSING_OPENID"],
  ["jsapi with a malformed openid", { channel: "jsapi" as const, payerOpenId: "o x" }, "MISSING_OPENID"],
  ["h5 without an IP", { channel: "h5" as const }, "INVALID_CLIENT_IP"],
  ["h5 with a host name for an IP", { channel: "h5" as const, payerClientIp: "localhost" }, "INVALID_CLIENT_IP"],
  ["an Alipay channel", { channel: "wap" as const }, "UNSUPPORTED_CHANNEL"],
])("%s is rejected before anything is sent", async (_label, change, code) => {
  const error = await provider().createPayment({ ...base, ...change }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PaymentPlatformError);
  expect((error as PaymentPlatformError).platformCode).toBe(code);
  expect(platform.seen).toHaveLength(0);
});

test("an answer without prepay_id is 'unavailable', not a start", async () => {
  reply = () => ({ status: 200, body: { code_url: "weixin://wxpay/bizpayurl?pr=x" } });
  const error = (await provider().createPayment({ ...base, payerOpenId: "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" }).catch((e: unknown) => e)) as PaymentPlatformError;
  expect([error.kind, error.platformCode]).toEqual(["unavailable", "MALFORMED_RESPONSE"]);
});

test.each([
  ["NATIVE", "native"],
  ["JSAPI", "jsapi"],
  ["MWEB", "h5"],
  ["APP", undefined],
  [undefined, undefined],
])("trade_type %s is channel %s", (tradeType, channel) => {
  expect(channelOfTradeType(tradeType)).toBe(channel);
});
