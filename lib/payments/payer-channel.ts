// The one place a new order's channel is chosen: where the payer is (user agent, channel.ts) and
// what the receiving account can do (JSAPI needs an AppSecret). The openid for JSAPI comes only
// from the cookie our OAuth callback bound to this browser (payer.openIdFor), never from a body.
import { AppError } from "@/lib/errors";
import { channelsFor, detectBrowser, type ChannelsFor } from "./channel";
import type { PayChannel, ProviderAccount, ProviderId, WechatAccount } from "./types";

/** Who is asking: for the rate limits, the channel and what the platform must receive. */
export interface PayerContext {
  userAgent: string | null;
  clientIp: string;
  /** The openid our OAuth callback bound to this browser for appId; null when there is none. */
  openIdFor?: (appId: string) => string | null;
}

export interface ChosenChannel {
  channel: PayChannel;
  /** JSAPI: the payer's openid under the account's appid. */
  payerOpenId?: string;
}

/** JSAPI is possible only when the account has an AppSecret (web authorization for the openid). */
export const canUseJsapi = (account: WechatAccount | null | undefined) => Boolean(account?.appSecret);

/** What each method does for this payer: the form and pay pages show this, create follows it. */
export function payerChannels(userAgent: string | null, wechatAccount: WechatAccount | null): ChannelsFor {
  return channelsFor(detectBrowser(userAgent), { wechatJsapi: canUseJsapi(wechatAccount) });
}

/** Throws a 4xx the payer can read when this method cannot be used here (支付宝 inside WeChat). */
export function chooseChannel(account: ProviderAccount, payer: PayerContext): ChosenChannel {
  const choice = payerChannels(payer.userAgent, account.provider === "wechat" ? account : null)[account.provider as ProviderId];
  if (!choice.available) throw new AppError("unprocessable_entity", choice.reason, [{ field: "provider", issue: choice.reason }]);
  if (choice.channel !== "jsapi") return { channel: choice.channel };
  const openId = payer.openIdFor?.(account.appId) ?? null;
  // The pages send a WeChat payer through authorization first; a missing cookie means it expired
  // or was refused (cookies off): reloading the page starts the chain again.
  if (!openId) throw new AppError("conflict", "需要先完成微信授权：请刷新页面后再支付", [{ field: "openid", issue: "未授权" }]);
  return { channel: "jsapi", payerOpenId: openId };
}
