// What a phone payer's page needs beyond the platform's answer: JSAPI bridge parameters signed
// afresh from the order's prepay id, and the H5 link with the way back to our pay page.
import type { OrderRow } from "@/db/queries/orders";
import { AppError } from "@/lib/errors";
import { settings } from "@/lib/env";
import { accountFor } from "./providers";
import type { JsapiPayParams } from "./types";
import { jsapiParams } from "./wechat";

/** A prepay id is valid for 2 hours at WeChat. */
export const PREPAY_TTL_MS = 2 * 3600_000;

/** Where WeChat's H5 cashier sends the payer back: our pay page, which then asks and checks. */
export function h5ReturnUrl(orderNo: string): string {
  return `${settings().SERVER_BASE_URL}/pay/${encodeURIComponent(orderNo)}?from=h5`;
}

/** h5_url + &redirect_url= + the urlencoded pay page (WeChat's documented way back). */
export function h5PayUrl(h5Url: string, orderNo: string): string {
  return `${h5Url}${h5Url.includes("?") ? "&" : "?"}redirect_url=${encodeURIComponent(h5ReturnUrl(orderNo))}`;
}

/** Fresh getBrandWCPayRequest parameters for a pending JSAPI order (new timeStamp, nonce, paySign). */
export async function jsapiParamsOfOrder(order: OrderRow, now = new Date()): Promise<JsapiPayParams> {
  if (order.channel !== "jsapi" || !order.prepayId) throw new AppError("conflict", "该订单不是公众号支付订单");
  if (order.createdAt + PREPAY_TTL_MS <= now.getTime()) throw new AppError("gone", "支付已超时，请重新发起支付");
  // Disabled accounts still finish their pending orders (see providerFor).
  const account = await accountFor("wechat", order.accountRef, { includeDisabled: true });
  if (!account || account.provider !== "wechat") throw new AppError("payment_platform_unavailable", "微信支付暂时无法使用，请选择其他支付方式");
  return jsapiParams(account, order.prepayId, now);
}
