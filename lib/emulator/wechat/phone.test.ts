// JSAPI and H5 as a merchant and a payer see them: create with the real error codes, query answers
// trade_type and payer.openid, the bridge checks paySign with the merchant certificate, the H5
// cashier pays within its 5 minutes and goes back to redirect_url.
import crypto from "node:crypto";
import { expect, test } from "vitest";
import { wechatNotifies } from "./control";
import { handleH5Cashier, handleH5CashierAction } from "./h5-cashier";
import { handleJsBridgeCall, handleJsBridgeScript } from "./jsbridge";
import { openIdFor } from "./oauth-users";
import { checkBridgeParams, H5_URL_TTL_MS, h5CashierView, payByH5Link, type BridgeParams } from "./phone-pay";
import { callPlatform, merchant, nativeBody, setUpTemporaryEmulator } from "./test-support";

setUpTemporaryEmulator({ EMULATOR_TIME_SCALE: "0.001" });

const openid = () => openIdFor(merchant().appId, `user-${crypto.randomInt(1e9)}`);
const query = (no: string) => callPlatform("GET", `/v3/pay/transactions/out-trade-no/${no}?mchid=${merchant().mchId}`);
const h5Scene = { payer_client_ip: "203.0.113.7", h5_info: { type: "Wap" } };

function bridgeParams(prepayId: string, overrides: Partial<BridgeParams> = {}, key = merchant().privateKey): BridgeParams {
  const base = { appId: merchant().appId, timeStamp: String(Math.floor(Date.now() / 1000)), nonceStr: "5K8264ILTKCH16CQ2502SI8ZNMTM67VS", package: `prepay_id=${prepayId}`, ...overrides };
  const paySign = crypto.sign("sha256", Buffer.from(`${base.appId}\n${base.timeStamp}\n${base.nonceStr}\n${base.package}\n`), key).toString("base64");
  return { signType: "RSA", paySign, ...base, ...(overrides.paySign ? { paySign: overrides.paySign } : {}) };
}

async function jsapi(payerOpenId = openid()) {
  const body = { ...nativeBody(), payer: { openid: payerOpenId } };
  const answer = await callPlatform("POST", "/v3/pay/transactions/jsapi", body);
  return { body, answer, outTradeNo: body.out_trade_no, openid: payerOpenId };
}

test("JSAPI answers a signed prepay_id; a repeat gives the same one; query says JSAPI and, once paid, the payer's openid", async () => {
  const { body, answer, outTradeNo, openid: who } = await jsapi();
  expect(answer.status).toBe(200);
  expect(answer.json.prepay_id).toMatch(/^wx\d{14}[0-9a-f]{20}$/);
  expect((await callPlatform("POST", "/v3/pay/transactions/jsapi", body)).json.prepay_id).toBe(answer.json.prepay_id);

  const before = await query(outTradeNo);
  expect(before.json).toMatchObject({ trade_type: "JSAPI", trade_state: "NOTPAY" });
  expect(before.json).not.toHaveProperty("payer");

  const check = await handleJsBridgeCall(new Request("http://x/sandbox/wechat/jsbridge", { method: "POST", body: JSON.stringify({ action: "check", params: bridgeParams(answer.json.prepay_id) }) }));
  expect(await check.json()).toEqual({ ok: true, merchantName: "模拟商户", description: "读书会报名费", amountText: "¥12.30" });
  const paid = await handleJsBridgeCall(new Request("http://x/sandbox/wechat/jsbridge", { method: "POST", body: JSON.stringify({ action: "pay", params: bridgeParams(answer.json.prepay_id) }) }));
  expect(await paid.json()).toEqual({ ok: true });

  const after = await query(outTradeNo);
  expect(after.json).toMatchObject({ trade_type: "JSAPI", trade_state: "SUCCESS", payer: { openid: who } });
  expect(wechatNotifies(outTradeNo)).toHaveLength(1);
});

test.each([
  ["no payer", (b: Record<string, unknown>) => ({ ...b, payer: undefined }), /\/body\/payer/],
  ["no payer.openid", (b: Record<string, unknown>) => ({ ...b, payer: {} }), /payer\/openid/],
  ["an openid of no user of this appid", (b: Record<string, unknown>) => ({ ...b, payer: { openid: "oUnknownOpenId000000000000000" } }), /appid和openid不匹配/],
  ["an extra payer field", (b: Record<string, unknown>) => ({ ...b, payer: { openid: openid(), sub_openid: "x" } }), /未定义/],
])("JSAPI with %s is a 400 PARAM_ERROR", async (_label, change, message) => {
  const answer = await callPlatform("POST", "/v3/pay/transactions/jsapi", change({ ...nativeBody(), payer: { openid: openid() } }));
  expect(answer.status).toBe(400);
  expect(answer.json.code).toBe("PARAM_ERROR");
  expect(answer.json.message).toMatch(message);
});

test("the same out_trade_no first as Native, then as JSAPI, is INVALID_REQUEST", async () => {
  const body = nativeBody();
  expect((await callPlatform("POST", "/v3/pay/transactions/native", body)).status).toBe(200);
  const again = await callPlatform("POST", "/v3/pay/transactions/jsapi", { ...body, payer: { openid: openid() } });
  expect([again.status, again.json.code]).toEqual([400, "INVALID_REQUEST"]);
});

test.each([
  ["a key that is not the merchant's", (id: string) => bridgeParams(id, {}, crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey), /签名/],
  ["a package changed after signing", (id: string) => ({ ...bridgeParams(id), package: "prepay_id=wx00000000000000000000000000000000" }), /签名/],
  ["another appId", (id: string) => bridgeParams(id, { appId: "wx0000000000000000" }), /appId/],
  ["signType MD5", (id: string) => ({ ...bridgeParams(id), signType: "MD5" }), /RSA/],
])("the bridge refuses %s (→ get_brand_wcpay_request:fail)", async (_label, params, desc) => {
  const { answer } = await jsapi();
  const check = checkBridgeParams(params(answer.json.prepay_id));
  expect(check.ok).toBe(false);
  if (!check.ok) expect(check.errDesc).toMatch(desc);
});

test("the bridge script exists only under MicroMessenger and fires WeixinJSBridgeReady", async () => {
  const script = await handleJsBridgeScript().text();
  expect(script).toContain("MicroMessenger");
  expect(script).toContain("WeixinJSBridgeReady");
  expect(script).toContain("get_brand_wcpay_request:cancel");
});

test("H5 answers an h5_url on the emulator; query says MWEB; the cashier pays and goes back to redirect_url", async () => {
  const body = nativeBody({ scene_info: h5Scene });
  const answer = await callPlatform("POST", "/v3/pay/transactions/h5", body);
  expect(answer.status).toBe(200);
  const h5 = new URL(answer.json.h5_url);
  expect(h5.origin + h5.pathname).toBe("http://127.0.0.1:3999/sandbox/wechat/h5pay");
  expect(h5.searchParams.get("prepay_id")).toMatch(/^wx\d{14}[0-9a-f]{20}$/);
  expect((await query(body.out_trade_no)).json.trade_type).toBe("MWEB");

  const back = "https://pay.example.com/pay/ORDER1";
  const pageUrl = `${answer.json.h5_url}&redirect_url=${encodeURIComponent(back)}`;
  const noReferer = handleH5Cashier(new Request(pageUrl));
  expect(noReferer.status).toBe(400);
  expect(await noReferer.text()).toContain("商家参数格式有误");
  const page = await handleH5Cashier(new Request(pageUrl, { headers: { referer: "https://pay.example.com/" } })).text();
  expect(page).toContain("¥12.30");
  expect(page).toContain("确认支付");

  const form = new FormData();
  form.set("prepay_id", h5.searchParams.get("prepay_id")!);
  form.set("redirect_url", back);
  form.set("action", "pay");
  const paid = await handleH5CashierAction(new Request("http://x/sandbox/wechat/h5pay/pay", { method: "POST", body: form }));
  expect([paid.status, paid.headers.get("location")]).toEqual([303, back]);
  expect((await query(body.out_trade_no)).json.trade_state).toBe("SUCCESS");
});

test("giving up in the H5 cashier goes back too and leaves the order unpaid", async () => {
  const body = nativeBody({ scene_info: h5Scene });
  const token = new URL((await callPlatform("POST", "/v3/pay/transactions/h5", body)).json.h5_url).searchParams.get("prepay_id")!;
  const form = new FormData();
  form.set("prepay_id", token);
  form.set("redirect_url", "https://pay.example.com/pay/ORDER2");
  form.set("action", "cancel");
  const back = await handleH5CashierAction(new Request("http://x/sandbox/wechat/h5pay/pay", { method: "POST", body: form }));
  expect(back.status).toBe(303);
  expect((await query(body.out_trade_no)).json.trade_state).toBe("NOTPAY");
});

test("an h5_url lasts 5 minutes; creating again gives a fresh one for the same order", async () => {
  const body = nativeBody({ scene_info: h5Scene });
  const first = new URL((await callPlatform("POST", "/v3/pay/transactions/h5", body)).json.h5_url).searchParams.get("prepay_id")!;
  const later = Date.now() + H5_URL_TTL_MS + 1000;
  expect(h5CashierView(first, later).status).toBe("link_expired");
  expect(() => payByH5Link(first, later)).toThrow(/过期/);
  const second = new URL((await callPlatform("POST", "/v3/pay/transactions/h5", body)).json.h5_url).searchParams.get("prepay_id")!;
  expect(second).not.toBe(first);
  expect(h5CashierView(second).status).toBe("payable");
});

test.each([
  ["no scene_info", {}, /scene_info/],
  ["no payer_client_ip", { scene_info: { h5_info: { type: "Wap" } } }, /payer_client_ip/],
  ["a payer_client_ip that is no IP", { scene_info: { payer_client_ip: "localhost", h5_info: { type: "Wap" } } }, /IPv4/],
  ["no h5_info", { scene_info: { payer_client_ip: "203.0.113.7" } }, /h5_info/],
  ["no h5_info.type", { scene_info: { payer_client_ip: "203.0.113.7", h5_info: {} } }, /h5_info\/type/],
])("H5 with %s is a 400 PARAM_ERROR", async (_label, overrides, message) => {
  const answer = await callPlatform("POST", "/v3/pay/transactions/h5", nativeBody(overrides));
  expect([answer.status, answer.json.code]).toEqual([400, "PARAM_ERROR"]);
  expect(answer.json.message).toMatch(message);
});
