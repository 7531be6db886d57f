// The phone-side sandbox routes are thin and, like the rest, 404 when the emulator is off.
import { afterEach, expect, test } from "vitest";
import { setUpTemporaryEmulator } from "@/lib/emulator/wechat/test-support";

setUpTemporaryEmulator();
const authorize = await import("./connect/oauth2/authorize/route");
const token = await import("./sns/oauth2/access_token/route");
const control = await import("./oauth/control/route");
const h5 = await import("./h5pay/route");
const h5pay = await import("./h5pay/pay/route");
const script = await import("./jsbridge.js/route");
const bridge = await import("./jsbridge/route");
const guide = await import("./phone/route");

afterEach(() => {
  process.env.PAYMENT_EMULATOR = "on";
});

test("the bridge script is JavaScript; the guide explains the MicroMessenger user agent", async () => {
  const js = await script.GET();
  expect(js.headers.get("content-type")).toMatch(/javascript/);
  expect(await (await guide.GET(new Request("http://x/sandbox/wechat/phone"))).text()).toContain("MicroMessenger");
});

test.each([
  ["a non-boolean snapshot", { snapshot: "yes" }],
  ["an extra field", { snapshot: true, all: true }],
  ["a bad user", { snapshot: true, user: "a b" }],
])("oauth control with %s is a 400", async (_label, body) => {
  const answer = await control.POST(new Request("http://x/sandbox/wechat/oauth/control", { method: "POST", body: JSON.stringify(body) }));
  expect(answer.status).toBe(400);
  expect((await answer.json()).error.message.length).toBeGreaterThan(3);
});

test("bridge calls with missing parameters answer ok:false (the page gets :fail), not an error", async () => {
  const answer = await bridge.POST(new Request("http://x/sandbox/wechat/jsbridge", { method: "POST", body: JSON.stringify({ action: "pay", params: {} }) }));
  expect(answer.status).toBe(200);
  expect((await answer.json()).ok).toBe(false);
});

test("everything 404s when the WeChat emulator is off", async () => {
  process.env.PAYMENT_EMULATOR = "off";
  const get = (url: string) => new Request(url);
  expect((await authorize.GET(get("http://x/sandbox/wechat/connect/oauth2/authorize"))).status).toBe(404);
  expect((await token.GET(get("http://x/sandbox/wechat/sns/oauth2/access_token"))).status).toBe(404);
  expect((await control.POST(new Request("http://x/", { method: "POST", body: "{}" }))).status).toBe(404);
  expect((await h5.GET(get("http://x/sandbox/wechat/h5pay"))).status).toBe(404);
  expect((await h5pay.POST(new Request("http://x/", { method: "POST" }))).status).toBe(404);
  expect((await script.GET()).status).toBe(404);
  expect((await bridge.POST(new Request("http://x/", { method: "POST", body: "{}" }))).status).toBe(404);
  expect((await guide.GET(get("http://x/sandbox/wechat/phone"))).status).toBe(404);
});
