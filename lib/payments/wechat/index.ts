// WeChat Pay API v3 (direct merchant, Native QR) behind our PaymentProvider interface.
import type { PaymentProvider, WechatAccount } from "../types";
import { createWechatApi } from "./api";
import { createProvider } from "./provider";

export interface WechatProviderOptions {
  /** Clock for timestamp checks, in milliseconds (tests). */
  now?: () => number;
  /** Transport (tests). */
  fetchImpl?: typeof fetch;
}

/** Throws at construction on a bad base URL or unusable credentials (messages never show secrets). */
export function createWechatProvider(account: WechatAccount, options: WechatProviderOptions = {}): PaymentProvider {
  const api = createWechatApi(account, {
    now: options.now ?? Date.now,
    fetchImpl: options.fetchImpl ?? ((input, init) => fetch(input, init)),
  });
  return createProvider(account, api);
}

export { jsapiParams } from "./jsapi-params";
export { channelOfTradeType } from "./trade-type";
