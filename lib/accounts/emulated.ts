// The emulator's demo merchant, as the merchant side sees it: accounts whose keys the emulator
// generated, and the few payer-page aids the emulator offers (its wallet, its JS bridge). The
// merchant side never imports the emulator: lib/startup.ts, where the app is assembled, hands
// them over with provideEmulatedMerchant(). Kept on globalThis because Next may load this module
// once for start-up and once for the routes in the same process.

export interface EmulatedWechatMerchant {
  appId: string;
  mchId: string;
  apiV3Key: string;
  certSerialNo: string;
  privateKeyPem: string;
  certPem: string;
  platformPublicKeyPem: string;
  platformPublicKeyId: string;
  appSecret: string;
  apiBaseUrl: string;
  oauthAuthorizeUrl: string;
  oauthTokenUrl: string;
}

export interface EmulatedAlipayMerchant {
  appId: string;
  sellerId: string;
  privateKeyPem: string;
  alipayPublicKeyPem: string;
  gatewayUrl: string;
}

export interface EmulatedMerchant {
  /** Which platforms the emulator stands in for. */
  platforms: ("wechat" | "alipay")[];
  wechat(): EmulatedWechatMerchant;
  alipay(): EmulatedAlipayMerchant;
  /** The emulator's wallet page for a Native code_url (the stand-in for the payer's phone). */
  walletUrl(codeUrl: string): string;
  /** The emulator's WeixinJSBridge script (real WeChat injects its own). */
  jsBridgeScriptUrl: string;
}

const KEY = Symbol.for("pay-forms.emulated-merchant");
type Holder = { [KEY]?: EmulatedMerchant };

export function provideEmulatedMerchant(merchant: EmulatedMerchant | null): void {
  if (merchant) (globalThis as Holder)[KEY] = merchant;
  else delete (globalThis as Holder)[KEY];
}

/** The emulated merchant for a platform, or null when the emulator does not stand in for it. */
export function emulatedMerchant(platform: "wechat" | "alipay"): EmulatedMerchant | null {
  const merchant = (globalThis as Holder)[KEY];
  return merchant && merchant.platforms.includes(platform) ? merchant : null;
}
