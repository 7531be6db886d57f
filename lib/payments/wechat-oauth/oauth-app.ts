// Which official account the chain authorizes with: from the environment, or the emulator's demo
// app when the emulator stands in for WeChat (the same rule that points WECHAT_API_BASE_URL at it).
import { emulatedMerchant } from "@/lib/accounts/emulated";
import { pointsAtEmulator } from "@/lib/accounts/urls";
import { settings } from "@/lib/env";
import { usesEmulator } from "@/lib/accounts/env-accounts";
import type { WechatAccount } from "../types";

export const WECHAT_OAUTH_AUTHORIZE_URL = "https://open.weixin.qq.com/connect/oauth2/authorize";
export const WECHAT_OAUTH_TOKEN_URL = "https://api.weixin.qq.com/sns/oauth2/access_token";

export interface OAuthApp {
  appId: string;
  /** The official account's AppSecret (not the APIv3 key); server-side only. */
  appSecret: string;
  authorizeUrl: string;
  tokenUrl: string;
  /** The receiving account ("env" or a stored id): the callback comes back to it. */
  accountRef?: string;
}

/** The environment's app, or null when JSAPI is not possible (no AppSecret configured). */
export function envOAuthApp(): OAuthApp | null {
  const s = settings();
  if (usesEmulator("wechat")) {
    const emu = emulatedMerchant("wechat")!.wechat();
    return {
      appId: emu.appId,
      appSecret: emu.appSecret,
      authorizeUrl: s.WECHAT_OAUTH_AUTHORIZE_URL ?? emu.oauthAuthorizeUrl,
      tokenUrl: s.WECHAT_OAUTH_TOKEN_URL ?? emu.oauthTokenUrl,
    };
  }
  if (!s.WECHAT_APP_ID || !s.WECHAT_APP_SECRET) return null;
  return {
    appId: s.WECHAT_APP_ID,
    appSecret: s.WECHAT_APP_SECRET,
    authorizeUrl: s.WECHAT_OAUTH_AUTHORIZE_URL ?? WECHAT_OAUTH_AUTHORIZE_URL,
    tokenUrl: s.WECHAT_OAUTH_TOKEN_URL ?? WECHAT_OAUTH_TOKEN_URL,
  };
}

/**
 * A receiving account's app, or null when it has no AppSecret (no JSAPI). An account pointing at
 * this app's own emulator authorizes at the emulator, as its API calls go there.
 */
export function oauthAppOf(account: WechatAccount): OAuthApp | null {
  if (!account.appSecret) return null;
  const s = settings();
  const emulated = pointsAtEmulator(account.apiBaseUrl, s.SERVER_BASE_URL);
  return {
    appId: account.appId,
    appSecret: account.appSecret,
    authorizeUrl: s.WECHAT_OAUTH_AUTHORIZE_URL ?? (emulated ? `${s.SERVER_BASE_URL}/sandbox/wechat/connect/oauth2/authorize` : WECHAT_OAUTH_AUTHORIZE_URL),
    tokenUrl: s.WECHAT_OAUTH_TOKEN_URL ?? (emulated ? `${s.SERVER_BASE_URL}/sandbox/wechat/sns/oauth2/access_token` : WECHAT_OAUTH_TOKEN_URL),
    accountRef: account.ref,
  };
}

/** WeChat keeps redirect_uri's query and appends code and state; a stored account names itself. */
export const callbackUrl = (accountRef = "env") =>
  `${settings().SERVER_BASE_URL}/api/payment/wechat/oauth/callback${accountRef === "env" ? "" : `?account=${encodeURIComponent(accountRef)}`}`;
