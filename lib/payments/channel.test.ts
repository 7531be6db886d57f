import { describe, expect, test } from "vitest";
import { CHANNEL_LABEL, channelsFor, detectBrowser, type Browser } from "./channel";

// Real user agents, as these browsers send them.
const UA = {
  wechatIos:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.49(0x18003137) NetType/WIFI Language/zh_CN",
  wechatAndroid:
    "Mozilla/5.0 (Linux; Android 13; V2183A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MMWEBID/2247 MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64",
  wecom:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 wxwork/4.1.10 MicroMessenger/7.0.1 Language/zh ColorScheme/Light",
  windowsWechat:
    "Mozilla/5.0 (Windows NT 10.0; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/81.0.4044.138 Safari/537.36 NetType/WIFI MicroMessenger/7.0.20.1781(0x6700143B) WindowsWechat(0x63090a13) XWEB/8555 Flue",
  macWechat:
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) MicroMessenger/6.8.0(0x16080000) MacWechat/3.8.7(0x13080712) Flue",
  alipayApp:
    "Mozilla/5.0 (Linux; U; Android 12; zh-CN; PEGM00 Build/SKQ1.210216.001) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/69.0.3497.100 UWS/3.22.2.59 Mobile Safari/537.36 AliApp(AP/10.5.36.8100) AlipayClient/10.5.36.8100 Language/zh-Hans",
  iosSafari:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
  androidChrome:
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36",
  desktopChrome:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
};

const JSAPI = { wechatJsapi: true };
const NO_SECRET = { wechatJsapi: false };

describe("user agent → browser → channels (account with an AppSecret)", () => {
  test.each([
    ["WeChat on iOS", UA.wechatIos, "wechat", "jsapi", "open_in_browser"],
    ["WeChat on Android", UA.wechatAndroid, "wechat", "jsapi", "open_in_browser"],
    ["企业微信", UA.wecom, "wecom", "native", "open_in_browser"],
    ["PC WeChat on Windows", UA.windowsWechat, "wechat_desktop", "jsapi", "open_in_browser"],
    ["PC WeChat on macOS", UA.macWechat, "wechat_desktop", "jsapi", "open_in_browser"],
    ["the Alipay app", UA.alipayApp, "alipay_app", "native", "wap"],
    ["iOS Safari", UA.iosSafari, "phone_browser", "h5", "wap"],
    ["Android Chrome", UA.androidChrome, "phone_browser", "h5", "wap"],
    ["desktop Chrome", UA.desktopChrome, "desktop", "native", "page"],
    ["no user agent", "", "desktop", "native", "page"],
  ])("%s", (_label, ua, browser, wechat, alipay) => {
    expect(detectBrowser(ua)).toBe(browser);
    const channels = channelsFor(browser as Browser, JSAPI);
    expect(channels.wechat.available ? channels.wechat.channel : "unavailable").toBe(wechat);
    expect(channels.alipay.available ? channels.alipay.channel : channels.alipay.openInBrowser ? "open_in_browser" : "unavailable").toBe(alipay);
  });
});

test("Alipay inside WeChat says how to open the page in the browser", () => {
  const { alipay } = channelsFor("wechat", JSAPI);
  expect(alipay).toMatchObject({ available: false, openInBrowser: true, reason: expect.stringContaining("在浏览器打开") });
});

test("without an AppSecret, WeChat inside WeChat falls back to the QR code with how to scan it", () => {
  expect(channelsFor("wechat", NO_SECRET).wechat).toEqual({ available: true, channel: "native", note: expect.stringContaining("识别图中二维码") });
  expect(channelsFor("wechat_desktop", NO_SECRET).wechat).toMatchObject({ available: true, channel: "native" });
  // Outside WeChat the AppSecret makes no difference.
  expect(channelsFor("phone_browser", NO_SECRET)).toEqual(channelsFor("phone_browser", JSAPI));
});

test("every channel has a Chinese label", () => {
  expect(CHANNEL_LABEL).toEqual({ native: "扫码支付", jsapi: "公众号支付", h5: "H5 支付", page: "电脑网站支付", wap: "手机网站支付" });
});
