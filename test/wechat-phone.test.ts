// JSAPI and H5 from the adapter to the emulator over HTTP: the platform receives the right openid
// and payer IP, the bridge accepts the adapter's paySign, and the query reports the trade type.
import { afterAll, beforeAll, expect, test } from "vitest";
import { startHarness, type Harness } from "./harness";

let h: Harness;
let provider: import("@/lib/payments/types").PaymentProvider;
let account: import("@/lib/payments/types").WechatAccount;
let wechat: typeof import("@/lib/payments/wechat");
let emu: typeof import("@/lib/emulator/wechat");

beforeAll(async () => {
  h = await startHarness();
  wechat = await import("@/lib/payments/wechat");
  emu = await import("@/lib/emulator/wechat");
  account = (await import("@/lib/accounts/env-accounts")).envWechatAccount()!;
  provider = wechat.createWechatProvider(account);
});
afterAll(() => h.close());

const orderNo = () => `PH${Date.now()}${Math.floor(Math.random() * 1e6)}`;
const request = (channel: "jsapi" | "h5", extra: object) => ({ orderNo: orderNo(), amountFen: 5000, description: "报名费-张三", expiresAt: new Date(Date.now() + 15 * 60_000), channel, ...extra });

test("JSAPI: the emulator gets payer.openid; the adapter's paySign opens the sheet; paying makes the query say paid", async () => {
  const openid = emu.wechatOpenIdFor(account.appId, "phone-test-user");
  const req = request("jsapi", { payerOpenId: openid });
  const start = await provider.createPayment(req);
  expect(start.kind).toBe("jsapi");
  if (start.kind !== "jsapi") return;
  expect(emu.wechatTradeChannel(account.mchId, req.orderNo)).toMatchObject({ tradeType: "JSAPI", openid, prepayId: start.prepayId });

  const params = wechat.jsapiParams(account, start.prepayId);
  const check = await h.fetch("/sandbox/wechat/jsbridge", { method: "POST", body: JSON.stringify({ action: "check", params }) });
  expect(await check.json()).toMatchObject({ ok: true, amountText: "¥50.00" });
  const paid = await h.fetch("/sandbox/wechat/jsbridge", { method: "POST", body: JSON.stringify({ action: "pay", params }) });
  expect(await paid.json()).toEqual({ ok: true });
  expect(await provider.queryPayment(req.orderNo)).toMatchObject({ kind: "paid", amountFen: 5000, orderNo: req.orderNo });
  expect(emu.wechatTransaction(emu.getWechatTrade(req.orderNo)!)).toMatchObject({ trade_type: "JSAPI", payer: { openid } });
});

test("H5: the emulator records the payer's IP; h5_url opens the emulator's cashier", async () => {
  const req = request("h5", { payerClientIp: "198.51.100.23" });
  const start = await provider.createPayment(req);
  expect(start.kind).toBe("redirect");
  if (start.kind !== "redirect") return;
  expect(start.payUrl.startsWith(`${h.baseUrl}/sandbox/wechat/h5pay?prepay_id=wx`)).toBe(true);
  expect(emu.wechatTradeChannel(account.mchId, req.orderNo)).toMatchObject({ tradeType: "MWEB", payerClientIp: "198.51.100.23" });
  const page = await h.fetch(new URL(start.payUrl).pathname + new URL(start.payUrl).search, { headers: { referer: `${h.baseUrl}/pay/${req.orderNo}` } });
  expect(page.status).toBe(200);
  expect(await page.text()).toContain("¥50.00");
});

test("JSAPI with an openid the emulator never issued for this appid is rejected by the platform", async () => {
  const error = await provider.createPayment(request("jsapi", { payerOpenId: "oNotIssued000000000000000000" })).catch((e: unknown) => e);
  expect(error).toMatchObject({ kind: "rejected", platformCode: "PARAM_ERROR" });
});
