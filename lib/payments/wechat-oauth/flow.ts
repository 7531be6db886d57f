// The silent web-authorization chain (snsapi_base) as two route handlers: start sends the browser
// to WeChat with a fresh state bound to it; the callback checks that state, exchanges the code on
// the server, binds the openid to the browser for that appid and goes back to `next`.
import { authorizeUrl } from "./authorize-url";
import { checkState, clearedStateCookie, newState, openIdCookie, stateCookie } from "./cookies";
import { exchangeCode } from "./exchange-code";
import { safeNextPath } from "./next-path";
import { callbackUrl, envOAuthApp, type OAuthApp } from "./oauth-app";
import { oauthPage } from "./pages";

const redirect = (location: string, cookies: string[]) => {
  const headers = new Headers({ Location: location, "Cache-Control": "no-store" });
  for (const cookie of cookies) headers.append("Set-Cookie", cookie);
  return new Response(null, { status: 302, headers });
};

// GET /api/payment/wechat/oauth/start?next=/f/demo
export function handleOAuthStart(req: Request, app: OAuthApp | null = envOAuthApp()): Response {
  const next = safeNextPath(new URL(req.url).searchParams.get("next"));
  if (!next) return oauthPage(400, "链接有误", "参数 next 须为本站的相对路径，例如 /f/demo", { code: "bad_next" });
  if (!app) return oauthPage(409, "暂不能在微信内付款", "该收款账户未配置公众号 AppSecret，无法在微信内调起支付。请长按识别二维码付款，或联系主办方。", { code: "no_app_secret" });
  const state = newState();
  return redirect(authorizeUrl(app.authorizeUrl, { appId: app.appId, redirectUri: callbackUrl(app.accountRef), state }), [stateCookie(state, app.appId, next)]);
}

const ERRCODE_PAGES: Record<number, { status: number; title: string; message: string }> = {
  40029: { status: 400, title: "授权已失效", message: "微信授权码无效或已过期（40029）。请返回重新打开页面。" },
  40163: { status: 400, title: "授权已使用", message: "微信授权码已被使用过（40163），可能是刷新了页面。请返回重新打开页面。" },
  41008: { status: 400, title: "缺少授权码", message: "微信没有返回授权码（41008）。请返回重新打开页面。" },
  40125: { status: 502, title: "收款账户配置有误", message: "公众号 AppSecret 不正确（微信返回 40125 invalid appsecret）。请主办方在收款账户中核对 AppSecret（公众号后台 → 设置与开发 → 基本配置）。" },
  40013: { status: 502, title: "收款账户配置有误", message: "公众号 AppID 不正确（微信返回 40013 invalid appid）。请主办方核对收款账户的 AppID。" },
};

export interface CallbackOptions {
  app?: OAuthApp | null;
  fetchImpl?: typeof fetch;
}

// GET /api/payment/wechat/oauth/callback?code=…&state=…
export async function handleOAuthCallback(req: Request, options: CallbackOptions = {}): Promise<Response> {
  const query = new URL(req.url).searchParams;
  const check = checkState(req, query.get("state"));
  if (!check.ok) {
    const message =
      check.reason === "expired"
        ? "授权等待太久已失效。请返回表单页重新打开。"
        : "授权请求不是从本浏览器发起的，或已失效（state 不符）。请返回表单页重新打开。";
    return oauthPage(400, "无法完成微信授权", message, { code: `state_${check.reason}` });
  }
  const clear = clearedStateCookie();
  const app = options.app === undefined ? envOAuthApp() : options.app;
  if (!app || app.appId !== check.appId) return oauthPage(409, "无法完成微信授权", "收款账户已变更，请返回表单页重新打开。", { code: "app_changed", retryPath: check.next });
  const code = query.get("code");
  if (!code || code.length > 512) return withCookie(oauthPage(400, "缺少授权码", "微信没有返回授权码。请返回重新打开页面。", { code: "no_code", retryPath: check.next }), clear);

  const result = await exchangeCode(app, code, options.fetchImpl);
  if (!result.ok) {
    if (result.kind === "unavailable") {
      console.error("wechat oauth: token exchange failed", result.detail);
      return withCookie(oauthPage(502, "暂时无法完成微信授权", "暂时无法连接微信，请稍后重试。", { code: "unavailable", retryPath: check.next }), clear);
    }
    const page = ERRCODE_PAGES[result.errcode];
    console.warn("wechat oauth: token endpoint answered errcode", result.errcode);
    if (page) return withCookie(oauthPage(page.status, page.title, page.message, { code: String(result.errcode), retryPath: check.next }), clear);
    return withCookie(oauthPage(502, "微信授权失败", `微信授权失败（errcode ${result.errcode}）。请稍后重试。`, { code: String(result.errcode), retryPath: check.next }), clear);
  }
  if (result.snapshotUser) {
    // 快照页模式: the openid is a virtual one that cannot pay.
    return withCookie(
      oauthPage(200, "请使用完整服务", "当前是朋友圈的快照页，无法付款。请点击屏幕下方的「使用完整服务」，再继续填写和付款。", { code: "snapshot_user" }),
      clear,
    );
  }
  return redirect(check.next, [clear, openIdCookie(app.appId, result.openid)]);
}

function withCookie(response: Response, cookie: string): Response {
  response.headers.append("Set-Cookie", cookie);
  return response;
}
