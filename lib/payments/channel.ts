// Which payment channel fits where the payer is: the user agent says which browser, the account
// says whether JSAPI is possible (it needs an AppSecret for the openid). One table, pure, from
// ../shared/protocols/wechat-phone.md ("Where the payer is, and what works there").
import type { PayChannel, ProviderId } from "./types";

export type Browser = "wechat" | "wecom" | "wechat_desktop" | "alipay_app" | "phone_browser" | "desktop";

/** 企业微信 says MicroMessenger too, so wxwork is looked at first; PC WeChat adds WindowsWechat / MacWechat. */
export function detectBrowser(userAgent: string | null | undefined): Browser {
  const ua = userAgent ?? "";
  if (/wxwork/i.test(ua)) return "wecom";
  if (/WindowsWechat|MacWechat/i.test(ua)) return "wechat_desktop";
  if (/MicroMessenger/i.test(ua)) return "wechat";
  if (/AlipayClient/i.test(ua)) return "alipay_app";
  if (/Mobile|Android|iPhone|iPod|iPad|HarmonyOS|OpenHarmony/i.test(ua)) return "phone_browser";
  return "desktop";
}

export interface ChannelAbilities {
  /** The WeChat account has an AppSecret, so the payer's openid can be had and JSAPI used. */
  wechatJsapi: boolean;
}

export type ChannelChoice =
  /** note: what to tell the payer about this channel here (e.g. how to scan). */
  | { available: true; channel: PayChannel; note?: string }
  /** openInBrowser: show 「右上角 ··· → 在浏览器打开」 with the link to copy. */
  | { available: false; reason: string; openInBrowser: boolean };

export type ChannelsFor = Record<ProviderId, ChannelChoice>;

const offer = (channel: PayChannel, note?: string): ChannelChoice => (note ? { available: true, channel, note } : { available: true, channel });
const openInBrowser = (reason: string): ChannelChoice => ({ available: false, reason, openInBrowser: true });

const ALIPAY_BLOCKED = "微信内无法打开支付宝：请点右上角「···」，选择「在浏览器打开」，或复制链接到浏览器中打开";
/** Scanning the QR on the same phone: WeChat recognises a QR code in a page by a long press. */
const SCAN_HERE = "长按二维码，选择「识别图中二维码」付款；也可以用另一台手机的微信扫码";

/** Shown to an admin whose WeChat account has no AppSecret. */
export const JSAPI_NEEDS_APP_SECRET = "未填写公众号 AppSecret：在微信内打开表单的付款人无法使用公众号支付，只能长按识别二维码付款";

export function channelsFor(browser: Browser, abilities: ChannelAbilities): ChannelsFor {
  switch (browser) {
    case "wechat":
      // H5 is refused inside WeChat ("请在微信外打开订单"), so without JSAPI the QR is what is left.
      return { wechat: abilities.wechatJsapi ? offer("jsapi") : offer("native", SCAN_HERE), alipay: openInBrowser(ALIPAY_BLOCKED) };
    case "wecom":
      return {
        wechat: offer("native", "企业微信内不能调起微信支付：请用微信扫码，或在浏览器中打开后付款"),
        alipay: openInBrowser("企业微信内无法使用支付宝：请点右上角「···」，选择「在浏览器打开」"),
      };
    case "wechat_desktop":
      return {
        wechat: abilities.wechatJsapi ? offer("jsapi") : offer("native", "请用手机微信扫码付款"),
        alipay: openInBrowser("电脑版微信内无法使用支付宝：请复制链接到浏览器中打开"),
      };
    case "alipay_app":
      return { wechat: offer("native", "支付宝内不能调起微信支付：请用另一台手机的微信扫码，或在浏览器中打开"), alipay: offer("wap") };
    case "phone_browser":
      return { wechat: offer("h5"), alipay: offer("wap") };
    case "desktop":
      return { wechat: offer("native"), alipay: offer("page") };
    default: {
      const unreachable: never = browser;
      throw new Error(`unknown browser ${String(unreachable)}`);
    }
  }
}

/** The channel in the words admins and payers know; never show the raw code. */
export const CHANNEL_LABEL: Record<PayChannel, string> = {
  native: "扫码支付",
  jsapi: "公众号支付",
  h5: "H5 支付",
  page: "电脑网站支付",
  wap: "手机网站支付",
};
