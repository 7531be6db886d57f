// Web authorization as WeChat does it: the authorize page 302s back with a single-use code bound
// to the appid; the token endpoint checks appid and secret and answers errcodes as HTTP 200.
import { expect, test } from "vitest";
import { wechatKeys } from "./credentials";
import { CODE_TTL_MS, handleAccessToken, handleAuthorize, issueCode } from "./oauth";
import { findOpenId, setSnapshotMode } from "./oauth-users";
import { setUpTemporaryEmulator } from "./test-support";

setUpTemporaryEmulator();

const REDIRECT = "https://pay.example.com/api/payment/wechat/oauth/callback";
function authorizeUrl(params: [string, string][]) {
  return `http://x/sandbox/wechat/connect/oauth2/authorize?${new URLSearchParams(params)}#wechat_redirect`;
}
const good = (): [string, string][] => [
  ["appid", wechatKeys().appId],
  ["redirect_uri", REDIRECT],
  ["response_type", "code"],
  ["scope", "snsapi_base"],
  ["state", "abc123XYZ"],
];
const authorize = (params: [string, string][], cookie?: string) =>
  handleAuthorize(new Request(authorizeUrl(params), { headers: cookie ? { cookie } : {} }));
async function token(query: Record<string, string>, now?: number) {
  const response = handleAccessToken(new Request(`http://x/sandbox/wechat/sns/oauth2/access_token?${new URLSearchParams(query)}`), now);
  expect(response.status).toBe(200);
  return response.json();
}
const exchange = (code: string, secret = wechatKeys().appSecret) =>
  token({ appid: wechatKeys().appId, secret, code, grant_type: "authorization_code" });

test("authorize 302s to redirect_uri with a code and the state, and names the emulated user", async () => {
  const response = authorize(good());
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get("location")!);
  expect(location.origin + location.pathname).toBe(REDIRECT);
  expect(location.searchParams.get("state")).toBe("abc123XYZ");
  expect(location.searchParams.get("code")).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  expect(response.headers.get("set-cookie")).toMatch(/^wxemu_user=[A-Za-z0-9_-]+; Path=\/sandbox\/wechat; HttpOnly/);
});

test("the code gives the openid once; the same user gets the same openid, another user another", async () => {
  const code = (cookie: string) => new URL(authorize(good(), cookie).headers.get("location")!).searchParams.get("code")!;
  const first = await exchange(code("wxemu_user=alice"));
  expect(first).toMatchObject({ expires_in: 7200, scope: "snsapi_base", openid: expect.stringMatching(/^o[A-Za-z0-9_-]{27}$/) });
  expect(first.access_token).toBeTruthy();
  expect(first.refresh_token).toBeTruthy();
  expect(first).not.toHaveProperty("is_snapshotuser");
  expect(findOpenId(first.openid)).toMatchObject({ appId: wechatKeys().appId, userKey: "alice" });
  const again = await exchange(code("wxemu_user=alice"));
  expect(again.openid).toBe(first.openid);
  expect((await exchange(code("wxemu_user=bob"))).openid).not.toBe(first.openid);
});

test.each([
  ["a used code", "used", 40163, /code been used/],
  ["an unknown code", "unknown", 40029, /invalid code/],
  ["an expired code", "expired", 40029, /invalid code/],
  ["a wrong secret", "secret", 40125, /invalid appsecret/],
])("%s → errcode %i", async (_label, kind, errcode, errmsg) => {
  const code = issueCode(wechatKeys().appId, "carol");
  if (kind === "used") await exchange(code);
  const answer =
    kind === "unknown"
      ? await exchange("nope")
      : kind === "expired"
        ? await token({ appid: wechatKeys().appId, secret: wechatKeys().appSecret, code, grant_type: "authorization_code" }, Date.now() + CODE_TTL_MS + 1000)
        : kind === "secret"
          ? await exchange(code, "0".repeat(32))
          : await exchange(code);
  expect(answer.errcode).toBe(errcode);
  expect(answer.errmsg).toMatch(errmsg);
  expect(answer).not.toHaveProperty("openid");
});

test("a code is bound to its appid; missing parameters have their own errcodes", async () => {
  const code = issueCode(wechatKeys().appId, "dave");
  expect((await token({ appid: "wx0000000000000000", secret: wechatKeys().appSecret, code, grant_type: "authorization_code" })).errcode).toBe(40013);
  expect((await token({ appid: wechatKeys().appId, secret: wechatKeys().appSecret, grant_type: "authorization_code" })).errcode).toBe(41008);
  expect((await token({ appid: wechatKeys().appId, secret: wechatKeys().appSecret, code, grant_type: "client_credential" })).errcode).toBe(40002);
  // None of these used the code up.
  expect((await exchange(code)).openid).toBeTruthy();
});

test("snapshot mode: the token answer carries is_snapshotuser=1 and a virtual openid", async () => {
  const normal = await exchange(issueCode(wechatKeys().appId, "erin"));
  setSnapshotMode("erin", true);
  const snapshot = await exchange(issueCode(wechatKeys().appId, "erin"));
  setSnapshotMode("erin", false);
  expect(snapshot.is_snapshotuser).toBe(1);
  expect(snapshot.openid).not.toBe(normal.openid);
  expect(findOpenId(snapshot.openid)?.snapshot).toBe(true);
});

test.each([
  ["parameters out of order", () => { const p = good(); [p[0], p[1]] = [p[1], p[0]]; return p; }, "10003"],
  ["another appid", () => good().map(([k, v]) => [k, k === "appid" ? "wx0000000000000000" : v]), "10016"],
  ["scope snsapi_userinfo", () => good().map(([k, v]) => [k, k === "scope" ? "snsapi_userinfo" : v]), "10005"],
  ["no redirect_uri", () => good().filter(([k]) => k !== "redirect_uri"), "10011"],
  ["a state with punctuation", () => good().map(([k, v]) => [k, k === "state" ? "a.b" : v]), "10003"],
])("authorize with %s shows WeChat's error page, no redirect", async (_label, params, code) => {
  const response = authorize(params() as [string, string][]);
  expect(response.status).toBe(400);
  expect(response.headers.get("location")).toBeNull();
  expect(await response.text()).toContain(`data-error-code="${code}"`);
});
