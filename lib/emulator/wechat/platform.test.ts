// The /v3/ API as a merchant sees it: requests signed with node:crypto straight from the protocol,
// answers verified with the platform key the Wechatpay-Serial header names.
import crypto from "node:crypto";
import { afterEach, describe, expect, test } from "vitest";
import { decryptResource } from "./aead";
import { setWechatFault, expireWechatTrade, payWechatTrade } from "./control";
import { handleWechatPlatformRequest } from "./platform";
import { authorization, callPlatform, merchant, merchantRequest, nativeBody, setUpTemporaryEmulator, verifyPlatformSignature, type Answer } from "./test-support";

setUpTemporaryEmulator();

afterEach(() => {
  delete process.env.EMULATOR_WECHAT_SIGN_MODE;
});

const queryPath = (no: string) => `/v3/pay/transactions/out-trade-no/${no}?mchid=${merchant().mchId}`;
const closePath = (no: string) => `/v3/pay/transactions/out-trade-no/${no}/close`;

async function create(overrides: Record<string, unknown> = {}) {
  const body = nativeBody(overrides);
  const answer = await callPlatform("POST", "/v3/pay/transactions/native", body);
  return { body, answer };
}

function expectSigned(answer: Answer) {
  expect(answer.headers.get("request-id")).toMatch(/^[0-9A-F]{32}-\d+$/);
  expect(answer.headers.get("content-type")).toBe("application/json; charset=utf-8");
  expect(verifyPlatformSignature(answer.headers, answer.text)).toBe(true);
}

function expectSignError(answer: Answer, message?: RegExp) {
  expect(answer.status).toBe(401);
  expect(answer.json.code).toBe("SIGN_ERROR");
  if (message) expect(answer.json.message).toMatch(message);
  expect(answer.headers.get("wechatpay-signature")).toBeNull();
}

describe("request authentication", () => {
  test("a correctly signed native prepay gets a signed code_url (public-key mode by default)", async () => {
    const { answer } = await create();
    expect(answer.status).toBe(200);
    expect(answer.json.code_url).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=[A-Za-z0-9]+$/);
    expect(answer.headers.get("wechatpay-serial")).toBe(merchant().publicKeyId);
    expect(answer.headers.get("wechatpay-signature-type")).toBe("WECHATPAY2-SHA256-RSA2048");
    expectSigned(answer);
  });

  test("serial_no in lower case and the pairs in another order are accepted", async () => {
    const body = JSON.stringify(nativeBody());
    const m = merchant();
    const ts = String(Math.floor(Date.now() / 1000));
    const nonce = "593BEC0C930BF1AFEB40B4A08C8FB242";
    const sig = crypto.sign("sha256", Buffer.from(`POST\n/v3/pay/transactions/native\n${ts}\n${nonce}\n${body}\n`), m.privateKey).toString("base64");
    const header = `WECHATPAY2-SHA256-RSA2048 serial_no="${m.serialNo.toLowerCase()}",timestamp="${ts}",signature="${sig}",nonce_str="${nonce}",mchid="${m.mchId}"`;
    const answer = await callPlatform("POST", "/v3/pay/transactions/native", body, { authorization: header });
    expect(answer.status).toBe(200);
  });

  test("a signature by another key is a 401 SIGN_ERROR, unsigned", async () => {
    const rogue = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    expectSignError(await callPlatform("POST", "/v3/pay/transactions/native", nativeBody(), { key: rogue }), /验签失败/);
  });

  test("a body changed after signing fails", async () => {
    const body = nativeBody();
    const req = merchantRequest("POST", "/v3/pay/transactions/native", body);
    const tampered = new Request(req.url, { method: "POST", headers: req.headers, body: JSON.stringify({ ...body, amount: { total: 1, currency: "CNY" } }) });
    const response = await handleWechatPlatformRequest(tampered, "/v3/pay/transactions/native");
    expect(response.status).toBe(401);
  });

  test("the query string is part of the signed URL", async () => {
    const no = "NOQUERY1";
    const path = queryPath(no);
    const auth = authorization("GET", `/v3/pay/transactions/out-trade-no/${no}`, "");
    expectSignError(await callPlatform("GET", path, undefined, { authorization: auth }), /验签失败/);
  });

  test.each([
    ["stale by 6 minutes", { timestamp: Math.floor(Date.now() / 1000) - 360 }, /5分钟/],
    ["6 minutes ahead", { timestamp: Math.floor(Date.now() / 1000) + 360 }, /5分钟/],
    ["in milliseconds", { timestamp: Date.now() }, /秒/],
    ["an unknown certificate serial", { serialNo: "1234567890ABCDEF1234567890ABCDEF12345678" }, /序列号/],
    ["another merchant's mchid", { mchid: "1900000001" }, /商户号/],
  ])("a request %s is refused", async (_label, options, message) => {
    expectSignError(await callPlatform("POST", "/v3/pay/transactions/native", nativeBody(), options), message);
  });

  test.each([
    ["missing", ""],
    ["with another scheme", 'WECHATPAY2-SHA256-RSA4096 mchid="1"'],
    ["without a field", 'WECHATPAY2-SHA256-RSA2048 mchid="1900000109",nonce_str="a",signature="b",timestamp="1"'],
    ["with a repeated field", 'WECHATPAY2-SHA256-RSA2048 mchid="1",mchid="1",nonce_str="a",signature="b",timestamp="1",serial_no="c"'],
    ["with an unquoted value", 'WECHATPAY2-SHA256-RSA2048 mchid=1900000109,nonce_str="a",signature="b",timestamp="1",serial_no="c"'],
    ["with a trailing comma", 'WECHATPAY2-SHA256-RSA2048 mchid="1",nonce_str="a",signature="b",timestamp="1",serial_no="c",'],
  ])("an Authorization header %s is a 401", async (_label, header) => {
    expectSignError(await callPlatform("POST", "/v3/pay/transactions/native", nativeBody(), { authorization: header }));
  });

  test("the header's mchid must equal the body's", async () => {
    expectSignError(await callPlatform("POST", "/v3/pay/transactions/native", nativeBody({ mchid: "1900000001" })), /不匹配/);
  });

  test("an unknown path is a 404 NOT_FOUND (signed for an authenticated caller)", async () => {
    const answer = await callPlatform("GET", "/v3/pay/nothing-here");
    expect(answer.status).toBe(404);
    expect(answer.json.code).toBe("NOT_FOUND");
    expectSigned(answer);
    const anonymous = await handleWechatPlatformRequest(new Request("http://x/sandbox/wechat/v3/nope"), "/v3/nope");
    expect(anonymous.status).toBe(404);
  });
});

describe("sign mode", () => {
  test("EMULATOR_WECHAT_SIGN_MODE=certificate signs with the platform certificate", async () => {
    process.env.EMULATOR_WECHAT_SIGN_MODE = "certificate";
    const { answer } = await create();
    expect(answer.headers.get("wechatpay-serial")).toBe(merchant().platformCertSerial);
    expectSigned(answer);
  });

  test("the request's Wechatpay-Serial chooses the key", async () => {
    const m = merchant();
    const byCert = await callPlatform("POST", "/v3/pay/transactions/native", nativeBody(), { headers: { "Wechatpay-Serial": m.platformCertSerial.toLowerCase() } });
    expect(byCert.headers.get("wechatpay-serial")).toBe(m.platformCertSerial);
    expectSigned(byCert);
    process.env.EMULATOR_WECHAT_SIGN_MODE = "certificate";
    const byKey = await callPlatform("POST", "/v3/pay/transactions/native", nativeBody(), { headers: { "Wechatpay-Serial": m.publicKeyId } });
    expect(byKey.headers.get("wechatpay-serial")).toBe(m.publicKeyId);
    expectSigned(byKey);
  });
});

describe("native prepay validation", () => {
  test.each([
    ["amount.total 0", { amount: { total: 0, currency: "CNY" } }, /amount\/total/],
    ["amount.total as a string", { amount: { total: "100", currency: "CNY" } }, /amount\/total/],
    ["amount.total fractional", { amount: { total: 12.5, currency: "CNY" } }, /amount\/total/],
    ["a currency other than CNY", { amount: { total: 100, currency: "USD" } }, /currency/],
    ["out_trade_no too short", { out_trade_no: "A1" }, /out_trade_no/],
    ["out_trade_no with a space", { out_trade_no: "ABC 123" }, /out_trade_no/],
    ["out_trade_no of 33 characters", { out_trade_no: "A".repeat(33) }, /out_trade_no/],
    ["a time_expire that is not RFC 3339", { time_expire: "2026-11-22 16:30:00" }, /time_expire/],
    ["a notify_url with a query", { notify_url: "https://m.test/notify?a=1" }, /notify_url/],
    ["a notify_url that is not http(s)", { notify_url: "ftp://m.test/notify" }, /notify_url/],
    ["a description of 128 characters", { description: "费".repeat(128) }, /description/],
    ["an undefined field", { colour: "red" }, /colour/],
    ["no description", { description: undefined }, /description/],
  ])("%s → 400 PARAM_ERROR", async (_label, overrides, message) => {
    const { answer } = await create(overrides);
    expect(answer.status).toBe(400);
    expect(answer.json.code).toBe("PARAM_ERROR");
    expect(answer.json.message).toMatch(message);
    expectSigned(answer);
  });

  test("out_trade_no may use _-|* and 127 characters of description are fine", async () => {
    const { answer } = await create({ out_trade_no: "A_b-1|2*3", description: "费".repeat(127) });
    expect(answer.status).toBe(200);
  });

  test("an appid not bound to the merchant → APPID_MCHID_NOT_MATCH", async () => {
    const { answer } = await create({ appid: "wx0000000000000000" });
    expect(answer.status).toBe(400);
    expect(answer.json.code).toBe("APPID_MCHID_NOT_MATCH");
  });

  test("a body that is not JSON → PARAM_ERROR", async () => {
    const answer = await callPlatform("POST", "/v3/pay/transactions/native", "{not json");
    expect(answer.status).toBe(400);
    expect(answer.json.code).toBe("PARAM_ERROR");
  });
});

describe("re-entry", () => {
  test("same parameters → same code_url; different → INVALID_REQUEST", async () => {
    const { body, answer } = await create();
    const again = await callPlatform("POST", "/v3/pay/transactions/native", body);
    expect(again.json.code_url).toBe(answer.json.code_url);
    const { amount, ...rest } = body;
    const reordered = await callPlatform("POST", "/v3/pay/transactions/native", { amount, ...rest });
    expect(reordered.json.code_url).toBe(answer.json.code_url);
    const changed = await callPlatform("POST", "/v3/pay/transactions/native", { ...body, amount: { total: 1231, currency: "CNY" } });
    expect(changed.status).toBe(400);
    expect(changed.json.code).toBe("INVALID_REQUEST");
    expectSigned(changed);
  });

  test("after payment → ORDERPAID; after close → ORDER_CLOSED", async () => {
    const paid = await create();
    payWechatTrade(paid.body.out_trade_no);
    const again = await callPlatform("POST", "/v3/pay/transactions/native", paid.body);
    expect([again.status, again.json.code]).toEqual([400, "ORDERPAID"]);

    const closed = await create();
    expect((await callPlatform("POST", closePath(closed.body.out_trade_no), { mchid: merchant().mchId })).status).toBe(204);
    const reopened = await callPlatform("POST", "/v3/pay/transactions/native", closed.body);
    expect([reopened.status, reopened.json.code]).toEqual([400, "ORDER_CLOSED"]);
  });
});

describe("query", () => {
  test("NOTPAY has no transaction_id, payer or success_time; SUCCESS has them all", async () => {
    const { body } = await create({ attach: "form=7" });
    const unpaid = await callPlatform("GET", queryPath(body.out_trade_no));
    expect(unpaid.status).toBe(200);
    expectSigned(unpaid);
    expect(unpaid.json).toEqual({
      appid: body.appid,
      mchid: body.mchid,
      out_trade_no: body.out_trade_no,
      trade_type: "NATIVE",
      trade_state: "NOTPAY",
      trade_state_desc: "订单未支付",
      attach: "form=7",
      amount: { total: 1230, currency: "CNY", payer_currency: "CNY" },
    });

    payWechatTrade(body.out_trade_no);
    const paid = (await callPlatform("GET", queryPath(body.out_trade_no))).json;
    expect(paid).toMatchObject({
      trade_state: "SUCCESS",
      trade_state_desc: "支付成功",
      bank_type: "OTHERS",
      attach: "form=7",
      amount: { total: 1230, payer_total: 1230, currency: "CNY", payer_currency: "CNY" },
    });
    expect(paid.transaction_id).toMatch(/^4200\d{24}$/);
    expect(paid.success_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    expect(paid.payer.openid).toMatch(/^o[\w-]{27}$/);

    const byId = await callPlatform("GET", `/v3/pay/transactions/id/${paid.transaction_id}?mchid=${merchant().mchId}`);
    expect(byId.json).toEqual(paid);
  });

  test("unknown → 404 ORDER_NOT_EXIST (signed); without mchid → PARAM_ERROR", async () => {
    const unknown = await callPlatform("GET", queryPath("NOSUCHORDER1"));
    expect([unknown.status, unknown.json.code]).toEqual([404, "ORDER_NOT_EXIST"]);
    expectSigned(unknown);
    expect((await callPlatform("GET", `/v3/pay/transactions/id/4200000000202601010000000000?mchid=${merchant().mchId}`)).status).toBe(404);
    const noMchid = await callPlatform("GET", "/v3/pay/transactions/out-trade-no/NOSUCHORDER1");
    expect([noMchid.status, noMchid.json.code]).toEqual([400, "PARAM_ERROR"]);
  });

  test("a query mchid other than the caller's is a 401", async () => {
    expectSignError(await callPlatform("GET", "/v3/pay/transactions/out-trade-no/ABCDEF1?mchid=1900000001"), /不匹配/);
  });

  test("out_trade_no with | and * in the path, raw or percent-encoded", async () => {
    const { body } = await create({ out_trade_no: "Q|1*2-3_4" });
    expect((await callPlatform("GET", queryPath("Q|1*2-3_4"))).json.out_trade_no).toBe(body.out_trade_no);
    expect((await callPlatform("GET", queryPath("Q%7C1*2-3_4"))).json.out_trade_no).toBe(body.out_trade_no);
  });

  test("the queryError fault answers 500 SYSTEM_ERROR, signed, until cleared", async () => {
    const { body } = await create();
    setWechatFault(body.out_trade_no, { queryError: true });
    const failing = await callPlatform("GET", queryPath(body.out_trade_no));
    expect([failing.status, failing.json.code]).toEqual([500, "SYSTEM_ERROR"]);
    expectSigned(failing);
    setWechatFault(body.out_trade_no, { queryError: false });
    expect((await callPlatform("GET", queryPath(body.out_trade_no))).status).toBe(200);
  });

  test("past time_expire the code cannot be paid and the order stays NOTPAY", async () => {
    const { body } = await create();
    expireWechatTrade(body.out_trade_no);
    expect(() => payWechatTrade(body.out_trade_no)).toThrow(/过期/);
    expect((await callPlatform("GET", queryPath(body.out_trade_no))).json.trade_state).toBe("NOTPAY");
  });
});

describe("close", () => {
  test("204 with an empty, signed body; again 204; query says CLOSED", async () => {
    const { body } = await create();
    const closed = await callPlatform("POST", closePath(body.out_trade_no), { mchid: merchant().mchId });
    expect(closed.status).toBe(204);
    expect(closed.text).toBe("");
    expectSigned(closed);
    expect((await callPlatform("POST", closePath(body.out_trade_no), { mchid: merchant().mchId })).status).toBe(204);
    const query = (await callPlatform("GET", queryPath(body.out_trade_no))).json;
    expect([query.trade_state, query.trade_state_desc]).toEqual(["CLOSED", "订单已关闭"]);
    expect(() => payWechatTrade(body.out_trade_no)).toThrow(/关闭/);
  });

  test("a paid order → 400 ORDERPAID; unknown → 404 ORDER_NOT_EXIST; body without mchid → 400", async () => {
    const { body } = await create();
    payWechatTrade(body.out_trade_no);
    const paid = await callPlatform("POST", closePath(body.out_trade_no), { mchid: merchant().mchId });
    expect([paid.status, paid.json.code]).toEqual([400, "ORDERPAID"]);
    const unknown = await callPlatform("POST", closePath("NOSUCHORDER2"), { mchid: merchant().mchId });
    expect([unknown.status, unknown.json.code]).toEqual([404, "ORDER_NOT_EXIST"]);
    expect((await callPlatform("POST", closePath(body.out_trade_no), {})).status).toBe(400);
  });
});

test("GET /v3/certificates: the platform certificate, encrypted under the APIv3 key", async () => {
  const answer = await callPlatform("GET", "/v3/certificates");
  expect(answer.status).toBe(200);
  expectSigned(answer);
  const [entry] = answer.json.data;
  const m = merchant();
  expect(entry.serial_no).toBe(m.platformCertSerial);
  expect(entry.effective_time).toMatch(/\+08:00$/);
  expect(entry.encrypt_certificate).toMatchObject({ algorithm: "AEAD_AES_256_GCM", associated_data: "certificate" });
  expect(entry.encrypt_certificate.nonce).toHaveLength(12);
  expect(decryptResource(entry.encrypt_certificate, m.apiV3Key)).toBe(m.platformCertPem);
});
