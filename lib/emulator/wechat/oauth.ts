// WeChat web authorization (网页授权, snsapi_base), the platform's side: the authorize page that
// stands for WeChat (302 back with a code) and the server-to-server token endpoint. Codes are
// single-use, valid 5 minutes and bound to the appid they were issued for.
// https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/Wechat_webpage_authorization.html
import crypto from "node:crypto";
import { ensureTables } from "../store";
import { wechatKeys } from "./credentials";
import { oauthErrorPage } from "./html";
import { EMULATED_USER_COOKIE, inSnapshotMode, isUserKey, newUserKey, openIdFor } from "./oauth-users";

export const AUTHORIZE_PATH = "/sandbox/wechat/connect/oauth2/authorize";
export const TOKEN_PATH = "/sandbox/wechat/sns/oauth2/access_token";
export const CODE_TTL_MS = 5 * 60_000;
const ACCESS_TOKEN_TTL_SECONDS = 7200;
/** WeChat matches the link strictly: these come first, in this order. */
const PARAM_ORDER = ["appid", "redirect_uri", "response_type", "scope"] as const;

function db() {
  return ensureTables(
    "wx_oauth_codes",
    `CREATE TABLE IF NOT EXISTS wx_oauth_codes (
       code TEXT PRIMARY KEY, appid TEXT NOT NULL, openid TEXT NOT NULL, scope TEXT NOT NULL,
       snapshot INTEGER NOT NULL, created_at INTEGER NOT NULL, used_at INTEGER);`,
  );
}

function cookieValue(header: string | null, name: string): string | null {
  for (const part of (header ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return null;
}

/** Issues a code for the user; exported for tests that need one without a browser. */
export function issueCode(appId: string, userKey: string, now = Date.now()): string {
  const snapshot = inSnapshotMode(userKey);
  const code = crypto.randomBytes(24).toString("base64url");
  db()
    .prepare(`INSERT INTO wx_oauth_codes (code, appid, openid, scope, snapshot, created_at) VALUES (?, ?, ?, 'snsapi_base', ?, ?)`)
    .run(code, appId, openIdFor(appId, userKey, snapshot), snapshot ? 1 : 0, now);
  return code;
}

// GET /sandbox/wechat/connect/oauth2/authorize?appid&redirect_uri&response_type=code&scope=snsapi_base&state
export function handleAuthorize(req: Request, now = Date.now()): Response {
  const url = new URL(req.url);
  const names = [...url.searchParams.keys()];
  const q = url.searchParams;
  if (!q.get("appid")) return oauthErrorPage("10012", "appid 不能为空");
  if (!q.get("redirect_uri")) return oauthErrorPage("10011", "redirect_uri 不能为空");
  if (!q.get("scope")) return oauthErrorPage("10010", "scope 不能为空");
  if (PARAM_ORDER.some((name, i) => names[i] !== name) || (q.has("state") && names[PARAM_ORDER.length] !== "state")) {
    return oauthErrorPage("10003", "授权链接参数顺序错误：须依次为 appid、redirect_uri、response_type、scope、state");
  }
  const appId = q.get("appid")!;
  if (appId !== wechatKeys().appId) return oauthErrorPage("10016", "appid 错误：模拟器中没有这个公众号");
  if (q.get("response_type") !== "code") return oauthErrorPage("10003", "response_type 须为 code");
  if (q.get("scope") !== "snsapi_base") return oauthErrorPage("10005", "此公众号并没有这些 scope 的权限（模拟器只支持 snsapi_base）");
  const state = q.get("state");
  if (state !== null && !/^[A-Za-z0-9]{0,128}$/.test(state)) return oauthErrorPage("10003", "state 最多 128 个字符，只能是字母和数字");
  let redirect: URL;
  try {
    redirect = new URL(q.get("redirect_uri")!);
  } catch {
    return oauthErrorPage("10003", "redirect_uri 参数错误：须为 urlencode 后的绝对地址");
  }
  if (redirect.protocol !== "https:" && redirect.protocol !== "http:") return oauthErrorPage("10003", "redirect_uri 参数错误");

  const existing = cookieValue(req.headers.get("cookie"), EMULATED_USER_COOKIE);
  const userKey = existing && isUserKey(existing) ? existing : newUserKey();
  redirect.hash = "";
  redirect.searchParams.set("code", issueCode(appId, userKey, now));
  if (state !== null) redirect.searchParams.set("state", state);
  const headers = new Headers({ Location: redirect.toString(), "Cache-Control": "no-store" });
  if (userKey !== existing) {
    headers.append("Set-Cookie", `${EMULATED_USER_COOKIE}=${userKey}; Path=/sandbox/wechat; HttpOnly; SameSite=Lax; Max-Age=31536000`);
  }
  return new Response(null, { status: 302, headers });
}

interface CodeRow {
  appid: string;
  openid: string;
  scope: string;
  snapshot: number;
  created_at: number;
  used_at: number | null;
}

/** Errors come as HTTP 200 with errcode/errmsg; WeChat appends a request id to errmsg. */
const errcode = (code: number, message: string) =>
  Response.json({ errcode: code, errmsg: `${message}, rid: ${crypto.randomBytes(12).toString("hex")}` }, { headers: { "Cache-Control": "no-store" } });

// GET /sandbox/wechat/sns/oauth2/access_token?appid&secret&code&grant_type=authorization_code
export function handleAccessToken(req: Request, now = Date.now()): Response {
  const q = new URL(req.url).searchParams;
  const keys = wechatKeys();
  const appId = q.get("appid");
  if (!appId) return errcode(41002, "appid missing");
  if (q.get("grant_type") !== "authorization_code") return errcode(40002, "invalid grant_type");
  const secret = q.get("secret");
  if (!secret) return errcode(41004, "appsecret missing");
  if (appId !== keys.appId) return errcode(40013, "invalid appid");
  if (!timingSafeEqualText(secret, keys.appSecret)) return errcode(40125, "invalid appsecret");
  const code = q.get("code");
  if (!code) return errcode(41008, "missing code");

  const taken = db().transaction(() => {
    const row = db().prepare(`SELECT * FROM wx_oauth_codes WHERE code = ?`).get(code) as CodeRow | undefined;
    if (!row || row.appid !== appId || now - row.created_at > CODE_TTL_MS) return "invalid" as const;
    if (row.used_at !== null) return "used" as const;
    db().prepare(`UPDATE wx_oauth_codes SET used_at = ? WHERE code = ?`).run(now, code);
    return row;
  })();
  if (taken === "invalid") return errcode(40029, "invalid code");
  if (taken === "used") return errcode(40163, "code been used");

  const body: Record<string, unknown> = {
    access_token: crypto.randomBytes(48).toString("base64url"),
    expires_in: ACCESS_TOKEN_TTL_SECONDS,
    refresh_token: crypto.randomBytes(48).toString("base64url"),
    openid: taken.openid,
    scope: taken.scope,
  };
  if (taken.snapshot === 1) body.is_snapshotuser = 1;
  return Response.json(body, { headers: { "Cache-Control": "no-store" } });
}

function timingSafeEqualText(a: string, b: string): boolean {
  const x = crypto.createHash("sha256").update(a).digest();
  const y = crypto.createHash("sha256").update(b).digest();
  return crypto.timingSafeEqual(x, y);
}
