// WeChat web authorization (snsapi_base) on the merchant side: the openid for JSAPI.
export { handleOAuthStart, handleOAuthCallback } from "./flow";
export { openIdFromCookies, openIdCookieName } from "./cookies";
export { envOAuthApp, WECHAT_OAUTH_AUTHORIZE_URL, WECHAT_OAUTH_TOKEN_URL, type OAuthApp } from "./oauth-app";
export { safeNextPath } from "./next-path";

/** Where to send a WeChat-browser payer without an openid: the start of the chain, back to `next`. */
export const oauthStartPath = (next: string, accountRef = "env") =>
  `/api/payment/wechat/oauth/start?next=${encodeURIComponent(next)}${accountRef === "env" ? "" : `&account=${encodeURIComponent(accountRef)}`}`;
