// The sandbox routes are thin: they answer only while the Alipay emulator is enabled.
import { afterEach, expect, test } from "vitest";
import { pageUrl, signedParams, setUpTemporaryEmulator } from "@/lib/emulator/alipay/test-support";

setUpTemporaryEmulator();
const gateway = await import("./gateway.do/route");
const control = await import("./control/route");
const pay = await import("./cashier/[token]/pay/route");

afterEach(() => {
  process.env.PAYMENT_EMULATOR = "on";
});

test("gateway GET opens the cashier, the pay route sends the payer back with a 303", async () => {
  const biz = { out_trade_no: "ROUTE1", total_amount: "5.00", subject: "路由", product_code: "FAST_INSTANT_TRADE_PAY" };
  const opened = await gateway.GET(new Request(pageUrl(signedParams("alipay.trade.page.pay", biz, { return_url: "http://merchant.test/r" }))));
  expect(opened.status).toBe(302);
  const token = opened.headers.get("location")!.split("/").pop()!;
  const paid = await pay.POST(new Request(`http://x/sandbox/alipay/cashier/${token}/pay`, { method: "POST" }), { params: Promise.resolve({ token }) });
  expect(paid.status).toBe(303);
  expect(paid.headers.get("location")).toMatch(/^http:\/\/merchant\.test\/r\?.*method=alipay\.trade\.page\.pay\.return/);
  const state = await control.GET(new Request("http://x/sandbox/alipay/control?outTradeNo=ROUTE1"));
  expect((await state.json()).trade.status).toBe("TRADE_SUCCESS");
});

test("everything 404s when the Alipay emulator is off", async () => {
  process.env.PAYMENT_EMULATOR = "off";
  expect((await gateway.GET(new Request("http://x/sandbox/alipay/gateway.do"))).status).toBe(404);
  expect((await gateway.POST(new Request("http://x/sandbox/alipay/gateway.do", { method: "POST" }))).status).toBe(404);
  expect((await control.GET(new Request("http://x/sandbox/alipay/control?outTradeNo=A"))).status).toBe(404);
  expect((await pay.POST(new Request("http://x/p", { method: "POST" }), { params: Promise.resolve({ token: "a" }) })).status).toBe(404);
});
