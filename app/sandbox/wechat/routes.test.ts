// The sandbox routes are thin: the platform path is cut from the raw URL, the wallet forms answer
// with a 303 back to the wallet, the controls validate their input, and all of it 404s when off.
import { afterEach, expect, test } from "vitest";
import { callPlatform, merchant, merchantRequest, nativeBody, setUpTemporaryEmulator } from "@/lib/emulator/wechat/test-support";

setUpTemporaryEmulator({ EMULATOR_TIME_SCALE: "0.001" });
const api = await import("./v3/[...path]/route");
const control = await import("./control/route");
const pay = await import("./wallet/pay/route");
const decline = await import("./wallet/decline/route");

afterEach(() => {
  process.env.PAYMENT_EMULATOR = "on";
});

const form = (codeUrl: string) => {
  const body = new FormData();
  body.set("code_url", codeUrl);
  return body;
};
const controlPost = (body: unknown) =>
  control.POST(new Request("http://x/sandbox/wechat/control", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }));

async function create() {
  const body = nativeBody();
  const answer = await callPlatform("POST", "/v3/pay/transactions/native", body);
  return { outTradeNo: body.out_trade_no as string, codeUrl: answer.json.code_url as string };
}

const mounted = (target: string) => ({ signedTarget: `/sandbox/wechat${target}` });

test("the v3 route verifies the target as received: mount prefix, query and raw encoding included", async () => {
  const body = nativeBody({ out_trade_no: "ROUTE|1*A" });
  const created = await api.POST(merchantRequest("POST", "/v3/pay/transactions/native", body, mounted("/v3/pay/transactions/native")));
  expect(created.status).toBe(200);
  const target = `/v3/pay/transactions/out-trade-no/ROUTE%7C1*A?mchid=${merchant().mchId}`;
  const queried = await api.GET(merchantRequest("GET", target, undefined, mounted(target)));
  expect(queried.status).toBe(200);
  expect((await queried.json()).out_trade_no).toBe("ROUTE|1*A");
});

test("a signature over the path minus the mount prefix is a 401 SIGN_ERROR through the route", async () => {
  const answer = await api.POST(merchantRequest("POST", "/v3/pay/transactions/native", nativeBody()));
  expect(answer.status).toBe(401);
  expect((await answer.json()).code).toBe("SIGN_ERROR");
});

test("the wallet pay and decline forms answer 303 back to the wallet", async () => {
  const { outTradeNo, codeUrl } = await create();
  const declined = await decline.POST(new Request("http://x/sandbox/wechat/wallet/decline", { method: "POST", body: form(codeUrl) }));
  expect(declined.status).toBe(303);
  expect(declined.headers.get("location")).toBe(`/sandbox/wechat/wallet?code_url=${encodeURIComponent(codeUrl)}&result=declined`);

  const paid = await pay.POST(new Request("http://x/sandbox/wechat/wallet/pay", { method: "POST", body: form(codeUrl) }));
  expect(paid.headers.get("location")).toMatch(/&result=paid$/);
  const state = await (await control.GET(new Request(`http://x/sandbox/wechat/control?outTradeNo=${outTradeNo}`))).json();
  expect(state.trade).toMatchObject({ state: "SUCCESS" });
  expect(state.trade.declinedAt).not.toBeNull();
  expect(state.transaction.transaction_id).toMatch(/^4200\d{24}$/);
  expect(state.notifies).toHaveLength(1);

  const unknown = await pay.POST(new Request("http://x/sandbox/wechat/wallet/pay", { method: "POST", body: form("weixin://wxpay/bizpayurl?pr=nope") }));
  expect(unknown.headers.get("location")).toMatch(/&result=refused$/);
});

test("controls: set_fault before the order exists, pay, pay_after_close, expire, redeliver", async () => {
  const armed = await controlPost({ action: "set_fault", outTradeNo: "CTRL000001", fault: { notify: "delay", delayMs: 1000, queryError: true } });
  expect(await armed.json()).toEqual({ fault: { nextNotify: "none", nextNotifyDelayMs: 1000, queryError: true } });

  const { outTradeNo } = await create();
  const paid = await controlPost({ action: "pay", outTradeNo });
  expect(paid.status).toBe(200);
  expect((await paid.json()).trade.state).toBe("SUCCESS");
  expect((await controlPost({ action: "redeliver", outTradeNo })).status).toBe(200);

  const late = await create();
  await callPlatform("POST", `/v3/pay/transactions/out-trade-no/${late.outTradeNo}/close`, { mchid: merchant().mchId });
  const refused = await controlPost({ action: "pay", outTradeNo: late.outTradeNo });
  expect([refused.status, (await refused.json()).error.code]).toEqual([409, "ORDER_CLOSED"]);
  const latePaid = await controlPost({ action: "pay_after_close", outTradeNo: late.outTradeNo });
  expect((await latePaid.json()).trade).toMatchObject({ state: "SUCCESS", latePayment: true });

  const expiring = await create();
  expect((await (await controlPost({ action: "expire", outTradeNo: expiring.outTradeNo })).json()).trade.state).toBe("NOTPAY");
  const expired = await controlPost({ action: "pay", outTradeNo: expiring.outTradeNo });
  expect((await expired.json()).error.code).toBe("ORDER_EXPIRED");

  const missing = await controlPost({ action: "pay", outTradeNo: "NOSUCHORDER9" });
  expect(missing.status).toBe(404);
});

test.each([
  ["no action", { outTradeNo: "A" }],
  ["an unknown action", { action: "refund", outTradeNo: "A" }],
  ["an unknown notify fault", { action: "set_fault", outTradeNo: "A", fault: { notify: "lose" } }],
  ["delay without delayMs", { action: "set_fault", outTradeNo: "A", fault: { notify: "delay" } }],
  ["a negative delay", { action: "set_fault", outTradeNo: "A", fault: { notify: "delay", delayMs: -1 } }],
  ["an extra field", { action: "pay", outTradeNo: "A", amount: 1 }],
  ["queryError as a string", { action: "set_fault", outTradeNo: "A", fault: { queryError: "yes" } }],
])("control input with %s is a 400 that says why", async (_label, body) => {
  const answer = await controlPost(body);
  expect(answer.status).toBe(400);
  const json = await answer.json();
  expect(json.error.code).toBe("bad_request");
  expect(json.error.message.length).toBeGreaterThan(5);
});

test("GET control without outTradeNo → 400; unknown → 404", async () => {
  expect((await control.GET(new Request("http://x/sandbox/wechat/control"))).status).toBe(400);
  expect((await control.GET(new Request("http://x/sandbox/wechat/control?outTradeNo=NOPE000001"))).status).toBe(404);
});

test("everything 404s when the WeChat emulator is off", async () => {
  process.env.PAYMENT_EMULATOR = "off";
  expect((await api.GET(new Request("http://x/sandbox/wechat/v3/certificates"))).status).toBe(404);
  expect((await api.POST(new Request("http://x/sandbox/wechat/v3/pay/transactions/native", { method: "POST" }))).status).toBe(404);
  expect((await control.GET(new Request("http://x/sandbox/wechat/control?outTradeNo=A"))).status).toBe(404);
  expect((await control.POST(new Request("http://x/sandbox/wechat/control", { method: "POST", body: "{}" }))).status).toBe(404);
  expect((await pay.POST(new Request("http://x/p", { method: "POST" }))).status).toBe(404);
  expect((await decline.POST(new Request("http://x/p", { method: "POST" }))).status).toBe(404);
});
