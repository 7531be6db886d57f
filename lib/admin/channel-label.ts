// The payment channel in the words admins know (扫码支付 / 公众号支付 / H5 支付 / 电脑网站支付 /
// 手机网站支付); admin pages show this, never the raw channel code.
import { CHANNEL_LABEL } from "@/lib/payments/channel";
import type { PayChannel } from "@/lib/payments/types";

export function channelLabel(channel: string): string {
  return Object.hasOwn(CHANNEL_LABEL, channel) ? CHANNEL_LABEL[channel as PayChannel] : "其他方式";
}
