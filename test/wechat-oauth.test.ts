// WeChat web authorization end to end: our start and callback route handlers against the emulator's
// authorize page and token endpoint, over real HTTP (no mocks).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startHarness, type Harness } from "./harness";

let h: Harness;
let oauth: typeof import("@/lib/payments/wechat-oauth");
let emu: typeof import("@/lib/emulator/wechat");
let appId: string;

beforeAll(async () => {
  h = await startHarness();
  oauth = await import("@/lib/payments/wechat-oauth");
  emu = await import("@/lib/emulator/wechat");
  appId = oauth.envOAuthApp()!.appId;
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
  has(name: string): boolean {
    return this.cookies.has(name);
  }
}

async function get(jar: Jar, url: string): Promise<Response> {
  const target = new URL(url, h.baseUrl);
  target.hash = "";
  return jar.take(await h.fetch(target.pathname + target.search, { headers: { cookie: jar.header() } }));
}

/** start → authorize page: the callback URL WeChat sends the browser to. */
async function authorize(jar: Jar, next = "/f/demo"): Promise<URL> {
  const start = await get(jar, oauth.oauthStartPath(next));
  expect(start.status).toBe(302);
  const authorizeAt = start.headers.get("location")!;
  const granted = await get(jar, authorizeAt);
  expect(granted.status).toBe(302);
  return new URL(granted.headers.get("location")!);
}

const openIdOf = (jar: Jar, url = "/pay/X") => oauth.openIdFromCookies(new Request(new URL(url, h.baseUrl), { headers: { cookie: jar.header() } }), appId);

describe("the chain", () => {
  test("start → WeChat's authorize link → callback → back to next with the openid bound to the browser", async () => {
    const jar = new Jar();
    const start = await get(jar, oauth.oauthStartPath("/f/demo?ref=group"));
    const location = start.headers.get("location")!;
    expect(location).toMatch(
      new RegExp(`^${h.baseUrl}/sandbox/wechat/connect/oauth2/authorize\\?appid=${appId}&redirect_uri=${encodeURIComponent(`${h.baseUrl}/api/payment/wechat/oauth/callback`).replace(/[.]/g, "\\.")}&response_type=code&scope=snsapi_base&state=[A-Za-z0-9]{32}#wechat_redirect$`),
    );
    expect(start.headers.getSetCookie().join("\n")).toMatch(/wx_oauth_state=.*HttpOnly; SameSite=Lax; Max-Age=600/);

    const granted = await get(jar, location);
    const callback = new URL(granted.headers.get("location")!);
    expect(callback.pathname).toBe("/api/payment/wechat/oauth/callback");
    const back = await get(jar, callback.toString());
    expect(back.status).toBe(302);
    expect(back.headers.get("location")).toBe("/f/demo?ref=group");
    expect(back.headers.getSetCookie().join("\n")).toMatch(/wx_openid_\w+=.*Path=\/; HttpOnly; SameSite=Lax/);
    expect(jar.has("wx_oauth_state")).toBe(false);

    const openid = openIdOf(jar);
    expect(openid).toMatch(/^o[A-Za-z0-9_-]{27}$/);
    // The same WeChat user authorizing again gets the same openid.
    const again = await get(jar, (await authorize(jar)).toString());
    expect(again.status).toBe(302);
    expect(openIdOf(jar)).toBe(openid);
    expect(oauth.openIdFromCookies(new Request(h.baseUrl), "wx0000000000000000")).toBeNull();
  });

  test("a snapshot-mode payer is asked to tap 使用完整服务 and gets no openid", async () => {
    const jar = new Jar();
    const start = await get(jar, oauth.oauthStartPath("/f/demo"));
    // Name the emulated user first, so snapshot mode applies to this browser alone.
    const user = `snap${Date.now()}`;
    const cookieJarWithUser = `${jar.header()}; ${emu.WECHAT_EMULATED_USER_COOKIE}=${user}`;
    await h.postJson("/sandbox/wechat/oauth/control", { user, snapshot: true });
    const authorizeAt = new URL(start.headers.get("location")!);
    const granted = await h.fetch(authorizeAt.pathname + authorizeAt.search, { headers: { cookie: cookieJarWithUser } });
    const back = await get(jar, granted.headers.get("location")!);
    expect(back.status).toBe(200);
    expect(await back.text()).toContain("使用完整服务");
    expect(openIdOf(jar)).toBeNull();
  });
});

describe("what the callback refuses", () => {
  test("a callback without the state cookie (another browser, or none) is a 400 that says why", async () => {
    const callback = await authorize(new Jar());
    const stranger = await get(new Jar(), callback.toString());
    expect(stranger.status).toBe(400);
    expect(await stranger.text()).toContain("state 不符");
  });

  test("a foreign state (the attacker's code and state, in the victim's browser) is a 400", async () => {
    const attacker = await authorize(new Jar());
    const victim = new Jar();
    await authorize(victim);
    const forced = await get(victim, attacker.toString());
    expect(forced.status).toBe(400);
    expect(openIdOf(victim)).toBeNull();
  });

  test("a missing state is a 400", async () => {
    const jar = new Jar();
    const callback = await authorize(jar);
    callback.searchParams.delete("state");
    expect((await get(jar, callback.toString())).status).toBe(400);
  });

  test("a code used twice → the clear 40163 message", async () => {
    const jar = new Jar();
    const first = await authorize(jar);
    expect((await get(jar, first.toString())).status).toBe(302);
    const second = await authorize(jar);
    second.searchParams.set("code", first.searchParams.get("code")!);
    const reused = await get(jar, second.toString());
    expect(reused.status).toBe(400);
    const page = await reused.text();
    expect(page).toContain("已被使用");
    expect(page).toContain("40163");
  });

  test("a wrong AppSecret → the 40125 message, and the secret appears nowhere in the page", async () => {
    const jar = new Jar();
    const callback = await authorize(jar);
    const wrong = { ...oauth.envOAuthApp()!, appSecret: "0123456789abcdef0123456789abcdef" };
    const answer = await oauth.handleOAuthCallback(new Request(callback, { headers: { cookie: jar.header() } }), { app: wrong });
    expect(answer.status).toBe(502);
    const page = await answer.text();
    expect(page).toContain("40125");
    expect(page).toContain("AppSecret 不正确");
    expect(page).not.toContain(wrong.appSecret);
  });

  test("an openid in the query string is ignored: the bound one comes from the token endpoint", async () => {
    const jar = new Jar();
    const callback = await authorize(jar);
    callback.searchParams.set("openid", "oATTACKER0000000000000000000");
    expect((await get(jar, callback.toString())).status).toBe(302);
    expect(openIdOf(jar)).not.toBe("oATTACKER0000000000000000000");
    expect(openIdOf(new Jar(), "/pay/X?openid=oATTACKER0000000000000000000")).toBeNull();
  });

  test.each([["https://evil.example/"], ["//evil.example/x"], ["/\\evil.example"], ["f/demo"]])("start with next=%s is a 400 (no open redirect)", async (next) => {
    const answer = await h.fetch(`/api/payment/wechat/oauth/start?next=${encodeURIComponent(next)}`);
    expect(answer.status).toBe(400);
    expect(answer.headers.get("location")).toBeNull();
  });
});
