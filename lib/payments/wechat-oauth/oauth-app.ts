// Which official account the chain authorizes with: from the environment, or the emulator's demo
// app when the emulator stands in for WeChat (the same rule that points WECHAT_API_BASE_URL at it).
import { ensureEmulatorCredentials } from "@/lib/emulator/keys";
import { settings } from "@/lib/env";
import { usesEmulator } from "../env-accounts";

export const WECHAT_OAUTH_AUTHORIZE_URL = "https://open.weixin.qq.com/connect/oauth2/authorize";
export const WECHAT_OAUTH_TOKEN_URL = "https://api.weixin.qq.com/sns/oauth2/access_token";

export interface OAuthApp {
  appId: string;
  /** The official account's AppSecret (not the APIv3 key); server-side only. */
  appSecret: string;
  authorizeUrl: string;
  tokenUrl: string;
}

/** The environment's app, or null when JSAPI is not possible (no AppSecret configured). */
export function envOAuthApp(): OAuthApp | null {
  const s = settings();
  if (usesEmulator("wechat")) {
    const emu = ensureEmulatorCredentials().wechat;
    return {
      appId: emu.appId,
      appSecret: emu.appSecret,
      authorizeUrl: s.WECHAT_OAUTH_AUTHORIZE_URL ?? `${s.SERVER_BASE_URL}/sandbox/wechat/connect/oauth2/authorize`,
      tokenUrl: s.WECHAT_OAUTH_TOKEN_URL ?? `${s.SERVER_BASE_URL}/sandbox/wechat/sns/oauth2/access_token`,
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

export const callbackUrl = () => `${settings().SERVER_BASE_URL}/api/payment/wechat/oauth/callback`;
