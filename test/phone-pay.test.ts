// Paying on a phone through our real routes and the emulator: the OAuth chain gives the browser
// its openid, JSAPI orders reach the platform with that openid (never one from the body) and
// answer valid bridge parameters; H5 orders carry the payer's IP and the way back; switching
// between JSAPI, H5 and Alipay closes the old trade; a pending order resumes without a new order.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_ANSWERS, startHarness, waitFor, type Harness } from "./harness";

const WECHAT_UA = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN";
const SAFARI_UA = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
const PAYER_IP = "203.0.113.77";

let h: Harness;
let oauth: typeof import("@/lib/payments/wechat-oauth");
let wechatEmu: typeof import("@/lib/emulator/wechat");
let alipayEmu: typeof import("@/lib/emulator/alipay");
let orders: typeof import("@/db/queries/orders");
let db: typeof import("@/db/client");
let account: import("@/lib/payments/types").WechatAccount;

beforeAll(async () => {
  // One trusted proxy in front, so the payer's IP can be given by X-Forwarded-For as a proxy would.
  h = await startHarness({ env: { TRUST_PROXY: "1" } });
  oauth = await import("@/lib/payments/wechat-oauth");
  wechatEmu = await import("@/lib/emulator/wechat");
  alipayEmu = await import("@/lib/emulator/alipay");
  orders = await import("@/db/queries/orders");
  db = await import("@/db/client");
  account = (await import("@/lib/accounts/env-accounts")).envWechatAccount()!;
});
afterAll(() => h.close());

/** A browser's cookies, by name. */
class Jar {
  private cookies = new Map<string, string>();
  take(response: Response): Response {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/Max-Age=0/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

async function get(jar: Jar, url: string, userAgent = WECHAT_UA): Promise<Response> {
  const target = new URL(url, h.baseUrl);
  target.hash = "";
  return jar.take(await h.fetch(target.pathname + target.search, { headers: { cookie: jar.header(), "user-agent": userAgent } }));
}

/** A WeChat browser that has been through web authorization: start → authorize → callback → back. */
async function wechatBrowser(): Promise<{ jar: Jar; openid: string }> {
  const jar = new Jar();
  const start = await get(jar, oauth.oauthStartPath("/f/demo"));
  expect(start.status).toBe(302);
  const granted = await get(jar, start.headers.get("location")!);
  expect(granted.status).toBe(302);
  const back = await get(jar, granted.headers.get("location")!);
  expect(back.status).toBe(302);
  expect(back.headers.get("location")).toBe("/f/demo");
  const openid = oauth.openIdFromCookies(new Request(h.baseUrl, { headers: { cookie: jar.header() } }), account.appId);
  expect(openid).toMatch(/^o[A-Za-z0-9_-]{27}$/);
  return { jar, openid: openid! };
}

const post = (path: string, body: unknown, headers: Record<string, string>) => h.postJson(path, body, { "x-forwarded-for": PAYER_IP, ...headers });
const inWechat = (jar: Jar) => ({ "user-agent": WECHAT_UA, cookie: jar.header() });
const inSafari = { "user-agent": SAFARI_UA };
const order = async (orderNo: string) => (await orders.getOrderByNo(db.getDb(), orderNo))!;
const orderCount = async () => (await db.getDb().select().from((await import("@/db/schema")).paymentOrders)).length;

interface Created {
  orderNo: string;
  channel: string;
  codeUrl: string | null;
  payUrl: string | null;
  jsapi: { appId: string; timeStamp: string; nonceStr: string; package: string; signType: string; paySign: string } | null;
}

/** paySign checked with the merchant certificate, as WeChat does before it shows the sheet. */
function paySignValid(p: NonNullable<Created["jsapi"]>): boolean {
  const message = `${p.appId}\n${p.timeStamp}\n${p.nonceStr}\n${p.package}\n`;
  return crypto.verify("sha256", Buffer.from(message), new crypto.X509Certificate(account.certPem).publicKey, Buffer.from(p.paySign, "base64"));
}

async function createIn(headers: Record<string, string>, provider: "wechat" | "alipay", extra: object = {}): Promise<Created> {
  const response = await post("/api/payment/orders", { formSlug: "demo", answers: DEMO_ANSWERS, provider, ...extra }, headers);
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as Created;
}

describe("JSAPI inside WeChat", () => {
  test("after authorization the order reaches the platform with the browser's openid and answers valid bridge parameters", async () => {
    const { jar, openid } = await wechatBrowser();
    const created = await createIn(inWechat(jar), "wechat");
    expect(created.channel).toBe("jsapi");
    expect(created.codeUrl).toBeNull();
    expect(created.payUrl).toBeNull();
    const channel = wechatEmu.wechatTradeChannel(account.mchId, created.orderNo);
    expect(channel).toMatchObject({ tradeType: "JSAPI", openid });
    const stored = await order(created.orderNo);
    expect(stored).toMatchObject({ channel: "jsapi", payerOpenId: openid, prepayId: channel!.prepayId });

    const p = created.jsapi!;
    expect(p).toMatchObject({ appId: account.appId, package: `prepay_id=${channel!.prepayId}`, signType: "RSA" });
    expect(p.timeStamp).toMatch(/^\d{10}$/);
    expect(Math.abs(Number(p.timeStamp) - Date.now() / 1000)).toBeLessThan(60);
    expect(paySignValid(p)).toBe(true);
    expect(paySignValid({ ...p, nonceStr: `${p.nonceStr}x` })).toBe(false);
  });

  test("an openid in the body or the query is never used: the platform gets the cookie's, and without a cookie there is no JSAPI order", async () => {
    const { jar, openid } = await wechatBrowser();
    const forged = wechatEmu.wechatOpenIdFor(account.appId, "someone-else");
    const response = await post("/api/payment/orders?openid=" + forged, { formSlug: "demo", answers: DEMO_ANSWERS, provider: "wechat", openid: forged, payerOpenId: forged }, inWechat(jar));
    expect(response.status).toBe(201);
    const created = (await response.json()) as Created;
    expect(wechatEmu.wechatTradeChannel(account.mchId, created.orderNo)?.openid).toBe(openid);

    const before = await orderCount();
    const noCookie = await post("/api/payment/orders", { formSlug: "demo", answers: DEMO_ANSWERS, provider: "wechat", openid: forged }, { "user-agent": WECHAT_UA });
    expect(noCookie.status).toBe(409);
    expect((await noCookie.json()).error.message).toContain("微信授权");
    expect(await orderCount()).toBe(before);
  });

  test("支付宝 inside WeChat is refused with the open-in-browser guidance", async () => {
    const { jar } = await wechatBrowser();
    const response = await post("/api/payment/orders", { formSlug: "demo", answers: DEMO_ANSWERS, provider: "alipay" }, inWechat(jar));
    expect(response.status).toBe(422);
    expect((await response.json()).error.message).toContain("在浏览器打开");
  });

  test("resume gives fresh bridge parameters for the same prepay id, no new order; only to the openid the order was made for", async () => {
    const { jar } = await wechatBrowser();
    const created = await createIn(inWechat(jar), "wechat");
    const before = await orderCount();
    const resumed = await post(`/api/payment/orders/${created.orderNo}/resume`, {}, inWechat(jar));
    expect(resumed.status).toBe(200);
    const { jsapi } = (await resumed.json()) as { jsapi: NonNullable<Created["jsapi"]> };
    expect(jsapi.package).toBe(created.jsapi!.package);
    expect(jsapi.nonceStr).not.toBe(created.jsapi!.nonceStr);
    expect(paySignValid(jsapi)).toBe(true);
    expect(await orderCount()).toBe(before);

    const other = await wechatBrowserAs(`other${Date.now()}`);
    expect((await post(`/api/payment/orders/${created.orderNo}/resume`, {}, inWechat(other))).status).toBe(403);
    expect((await post(`/api/payment/orders/${created.orderNo}/resume`, {}, { "user-agent": WECHAT_UA })).status).toBe(403);

    // The resumed parameters pay in the bridge; the order is paid once the platform says so.
    const paid = await h.fetch("/sandbox/wechat/jsbridge", { method: "POST", body: JSON.stringify({ action: "pay", params: jsapi }) });
    expect(await paid.json()).toEqual({ ok: true });
    await waitFor("paid by notify", async () => (await order(created.orderNo)).status === "paid");
    expect((await post(`/api/payment/orders/${created.orderNo}/resume`, {}, inWechat(jar))).status).toBe(409);
  });
});

/** Another emulated WeChat user (its own openid), through the same chain. */
async function wechatBrowserAs(user: string): Promise<Jar> {
  const jar = new Jar();
  const start = await get(jar, oauth.oauthStartPath("/f/demo"));
  const at = new URL(start.headers.get("location")!);
  const granted = await h.fetch(at.pathname + at.search, { headers: { cookie: `${jar.header()}; ${wechatEmu.WECHAT_EMULATED_USER_COOKIE}=${user}` } });
  expect((await get(jar, granted.headers.get("location")!)).status).toBe(302);
  return jar;
}

describe("H5 in a phone browser", () => {
  test("the platform receives the payer's IP; payUrl is h5_url with redirect_url back to the pay page; resume gives a fresh link", async () => {
    const created = await createIn(inSafari, "wechat");
    expect(created.channel).toBe("h5");
    expect(wechatEmu.wechatTradeChannel(account.mchId, created.orderNo)).toMatchObject({ tradeType: "MWEB", payerClientIp: PAYER_IP });
    const back = `${h.baseUrl}/pay/${created.orderNo}?from=h5`;
    expect(created.payUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sandbox\/wechat\/h5pay\?prepay_id=wx\w+&package=\d+&redirect_url=/);
    expect(created.payUrl!.endsWith(`&redirect_url=${encodeURIComponent(back)}`)).toBe(true);
    expect((await order(created.orderNo)).payUrl).toBe(created.payUrl);

    const before = await orderCount();
    const resumed = await post(`/api/payment/orders/${created.orderNo}/resume`, {}, inSafari);
    expect(resumed.status).toBe(200);
    const { payUrl } = (await resumed.json()) as { payUrl: string };
    expect(payUrl).not.toBe(created.payUrl);
    expect(payUrl.endsWith(`&redirect_url=${encodeURIComponent(back)}`)).toBe(true);
    expect(await orderCount()).toBe(before);

    // The cashier pays and sends the payer back to our pay page.
    const link = new URL(payUrl);
    const form = new URLSearchParams({ prepay_id: link.searchParams.get("prepay_id")!, redirect_url: link.searchParams.get("redirect_url")!, action: "pay" });
    const done = await h.fetch("/sandbox/wechat/h5pay/pay", { method: "POST", body: form, headers: { referer: `${h.baseUrl}/pay/${created.orderNo}` } });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe(back);
    const checked = await post(`/api/payment/orders/${created.orderNo}/check`, {}, inSafari);
    expect((await checked.json()).status).toBe("paid");
  });
});

describe("switching between JSAPI, H5 and Alipay", () => {
  test("every switch closes the old trade at its platform first", async () => {
    const { jar, openid } = await wechatBrowser();
    const jsapi = await createIn(inWechat(jar), "wechat");

    // 支付宝 chosen inside WeChat: refused before anything is closed.
    expect((await post(`/api/payment/orders/${jsapi.orderNo}/pay-again`, { provider: "alipay" }, inWechat(jar))).status).toBe(422);
    expect((await order(jsapi.orderNo)).status).toBe("pending");

    // The payer opens the pay page in the phone's browser and pays by H5.
    const h5Answer = await post(`/api/payment/orders/${jsapi.orderNo}/pay-again`, { provider: "wechat" }, inSafari);
    expect(h5Answer.status).toBe(201);
    const h5 = (await h5Answer.json()) as Created;
    expect(h5.channel).toBe("h5");
    expect((await order(jsapi.orderNo)).status).toBe("closed");
    expect(wechatEmu.getWechatTrade(jsapi.orderNo)?.state).toBe("CLOSED");

    const wapAnswer = await post(`/api/payment/orders/${h5.orderNo}/pay-again`, { provider: "alipay" }, inSafari);
    expect(wapAnswer.status).toBe(201);
    const wap = (await wapAnswer.json()) as Created;
    expect(wap.channel).toBe("wap");
    expect(wechatEmu.getWechatTrade(h5.orderNo)?.state).toBe("CLOSED");
    await alipayEmu.openCashier(wap.payUrl!);

    const backAnswer = await post(`/api/payment/orders/${wap.orderNo}/pay-again`, { provider: "wechat" }, inWechat(jar));
    expect(backAnswer.status).toBe(201);
    const back = (await backAnswer.json()) as Created;
    expect(back.channel).toBe("jsapi");
    expect(alipayEmu.getAlipayTrade(wap.orderNo)?.status).toBe("TRADE_CLOSED");
    expect(wechatEmu.wechatTradeChannel(account.mchId, back.orderNo)?.openid).toBe(openid);
    expect(paySignValid(back.jsapi!)).toBe(true);

    // And from JSAPI to the desktop's Native QR.
    const desktop = await post(`/api/payment/orders/${back.orderNo}/pay-again`, { provider: "wechat" }, { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36" });
    expect(desktop.status).toBe(201);
    expect(((await desktop.json()) as Created).codeUrl).toMatch(/^weixin:\/\//);
    expect(wechatEmu.getWechatTrade(back.orderNo)?.state).toBe("CLOSED");
  });
});
