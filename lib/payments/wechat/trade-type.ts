// WeChat's trade_type (query answers and notifies) in our channel words. Pure.
import type { PayChannel } from "../types";

const CHANNELS: Record<string, PayChannel> = { NATIVE: "native", JSAPI: "jsapi", MWEB: "h5" };

/** NATIVE → native, JSAPI → jsapi, MWEB (H5) → h5; undefined for APP, MICROPAY… or nothing. */
export function channelOfTradeType(tradeType: string | undefined): PayChannel | undefined {
  return tradeType ? CHANNELS[tradeType] : undefined;
}
