import crypto from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { authorizeUrl } from "./authorize-url";
import { checkState, newState, openIdCookie, openIdFromCookies, stateCookie } from "./cookies";
import { safeNextPath } from "./next-path";
import { openCookieValue, sealCookieValue } from "./signed-cookie";

beforeAll(() => {
  process.env.APP_ENCRYPTION_KEY = crypto.randomBytes(32).toString("base64");
});

const withCookie = (setCookie: string, url = "http://x/api/payment/wechat/oauth/callback") =>
  new Request(url, { headers: { cookie: setCookie.split(";")[0] } });

describe("safeNextPath", () => {
  test.each([
    ["/f/demo", "/f/demo"],
    ["/pay/A1?x=1&y=%E4%B8%AD", "/pay/A1?x=1&y=%E4%B8%AD"],
    ["/f/demo#top", "/f/demo"],
    ["/a/../admin", "/admin"],
  ])("%s → %s", (raw, expected) => expect(safeNextPath(raw)).toBe(expected));

  test.each([["https://evil.example/"], ["//evil.example"], ["/\\evil.example"], ["f/demo"], ["/f\n/x"], [""], [null], ["/" + "a".repeat(600)]])(
    "%s is refused",
    (raw) => expect(safeNextPath(raw)).toBeNull(),
  );
});

test("the authorize link keeps WeChat's parameter order, urlencodes redirect_uri and ends in #wechat_redirect", () => {
  expect(authorizeUrl("https://open.weixin.qq.com/connect/oauth2/authorize", { appId: "wxd678efh567hg6787", redirectUri: "https://pay.example.com/api/payment/wechat/oauth/callback", state: "abc" })).toBe(
    "https://open.weixin.qq.com/connect/oauth2/authorize?appid=wxd678efh567hg6787&redirect_uri=https%3A%2F%2Fpay.example.com%2Fapi%2Fpayment%2Fwechat%2Foauth%2Fcallback&response_type=code&scope=snsapi_base&state=abc#wechat_redirect",
  );
});

describe("signed cookies", () => {
  const key = crypto.randomBytes(32);
  test("open returns what seal wrote; a changed value, another purpose or another key gives null", () => {
    const sealed = sealCookieValue("wx_openid_a", { o: "o1" }, key);
    expect(openCookieValue("wx_openid_a", sealed, key)).toEqual({ o: "o1" });
    const [body, mac] = sealed.split(".");
    const forged = Buffer.from(JSON.stringify({ o: "o2" })).toString("base64url");
    expect(openCookieValue("wx_openid_a", `${forged}.${mac}`, key)).toBeNull();
    expect(openCookieValue("wx_openid_b", sealed, key)).toBeNull();
    expect(openCookieValue("wx_openid_a", sealed, crypto.randomBytes(32))).toBeNull();
    expect(openCookieValue("wx_openid_a", body, key)).toBeNull();
  });
});

describe("state", () => {
  test("the state this browser was given passes once fresh; another, a missing one or a stale one does not", () => {
    const state = newState();
    expect(state).toMatch(/^[A-Za-z0-9]{32}$/);
    const cookie = stateCookie(state, "wxd678efh567hg6787", "/f/demo", 1_000_000);
    expect(cookie).toMatch(/HttpOnly; SameSite=Lax; Max-Age=600/);
    expect(checkState(withCookie(cookie), state, 1_000_000)).toEqual({ ok: true, appId: "wxd678efh567hg6787", next: "/f/demo" });
    expect(checkState(withCookie(cookie), newState(), 1_000_000)).toEqual({ ok: false, reason: "foreign" });
    expect(checkState(withCookie(cookie), null, 1_000_000)).toEqual({ ok: false, reason: "missing" });
    expect(checkState(new Request("http://x/"), state, 1_000_000)).toEqual({ ok: false, reason: "missing" });
    expect(checkState(withCookie(cookie), state, 1_000_000 + 601_000)).toEqual({ ok: false, reason: "expired" });
  });
});

test("the openid cookie is read back for its appid only, never from the query", () => {
  const cookie = openIdCookie("wxd678efh567hg6787", "oUser000000000000000000000000");
  expect(openIdFromCookies(withCookie(cookie), "wxd678efh567hg6787")).toBe("oUser000000000000000000000000");
  expect(openIdFromCookies(withCookie(cookie), "wx0000000000000000")).toBeNull();
  expect(openIdFromCookies(new Request("http://x/?openid=oUser000000000000000000000000"), "wxd678efh567hg6787")).toBeNull();
});
