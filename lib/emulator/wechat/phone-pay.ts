// JSAPI and H5, the platform's side: create (prepay_id / h5_url), the H5 cashier behind h5_url,
// and what the JS bridge's pay sheet does (check paySign with the merchant's certificate, pay).
// A payment here notifies exactly as a Native one does.
import crypto from "node:crypto";
import { wechatKeys } from "./credentials";
import { createNativeTrade, isExpired, payTrade, TradeActionError, type PayResult } from "./lifecycle";
import { parseH5Request, parseJsapiRequest } from "./phone-request";
import { WechatApiError } from "./response";
import { channelByPrepayId, findH5Link, issueH5Link, recordChannel, type TradeChannel } from "./trade-channels";
import { findByOutTradeNo, type WechatTrade } from "./trades";

/** h5_url is valid for 5 minutes; a prepay_id for 2 hours. */
export const H5_URL_TTL_MS = 5 * 60_000;
export const PREPAY_TTL_MS = 2 * 3600_000;
export const H5_CASHIER_PATH = "/sandbox/wechat/h5pay";

function merchant() {
  const keys = wechatKeys();
  return { appId: keys.appId, mchId: keys.mchId };
}

/** Re-entry with another trade type (a Native order re-posted as JSAPI) is a conflict. */
function requireChannel(trade: WechatTrade, channel: TradeChannel, tradeType: TradeChannel["tradeType"]): TradeChannel {
  if (channel.tradeType !== tradeType) throw new WechatApiError(400, "INVALID_REQUEST", "请求重入时，参数与首次请求时不一致");
  return channel;
}

// POST /v3/pay/transactions/jsapi
export function createJsapiPrepay(payload: unknown, now = Date.now()): { prepay_id: string } {
  const request = parseJsapiRequest(payload, merchant());
  const trade = createNativeTrade(request, now, "JSAPI");
  const channel = recordChannel(
    { mchId: trade.mchId, outTradeNo: trade.outTradeNo, tradeType: "JSAPI", openid: request.payer.openid, payerClientIp: null, prepayExpiresAt: now + PREPAY_TTL_MS },
    now,
  );
  return { prepay_id: requireChannel(trade, channel, "JSAPI").prepayId! };
}

// POST /v3/pay/transactions/h5. publicBase: where the emulator is reachable ("http://host/sandbox/wechat").
export function createH5Prepay(payload: unknown, publicBase: string, now = Date.now()): { h5_url: string } {
  const request = parseH5Request(payload, merchant());
  const trade = createNativeTrade(request, now, "MWEB");
  const channel = recordChannel(
    { mchId: trade.mchId, outTradeNo: trade.outTradeNo, tradeType: "MWEB", openid: null, payerClientIp: request.scene_info.payer_client_ip },
    now,
  );
  requireChannel(trade, channel, "MWEB");
  // Each call gives a fresh link: a payer coming back after 5 minutes needs a new one.
  const link = issueH5Link(trade.mchId, trade.outTradeNo, H5_URL_TTL_MS, now);
  // The real one: https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=…&package=…
  return { h5_url: `${publicBase}/h5pay?prepay_id=${link.token}&package=${crypto.randomInt(1e9, 1e10 - 1)}` };
}

export type CashierStatus = "payable" | "paid" | "closed" | "expired" | "link_expired" | "unknown";

export interface H5CashierView {
  status: CashierStatus;
  token: string;
  description: string | null;
  totalFen: number | null;
  outTradeNo: string | null;
}

function tradeOfLink(token: string, now = Date.now()): { trade: WechatTrade; linkExpired: boolean } | null {
  const link = /^wx\d{14}[0-9a-f]{20}$/.test(token) ? findH5Link(token) : null;
  const trade = link ? findByOutTradeNo(link.mchId, link.outTradeNo) : null;
  return trade && link ? { trade, linkExpired: link.expiresAt <= now } : null;
}

export function h5CashierView(token: string, now = Date.now()): H5CashierView {
  const found = tradeOfLink(token, now);
  if (!found) return { status: "unknown", token, description: null, totalFen: null, outTradeNo: null };
  const { trade } = found;
  const status: CashierStatus =
    trade.state === "SUCCESS" ? "paid" : trade.state === "CLOSED" ? "closed" : isExpired(trade, now) ? "expired" : found.linkExpired ? "link_expired" : "payable";
  return { status, token, description: trade.description, totalFen: trade.totalFen, outTradeNo: trade.outTradeNo };
}

/** The H5 cashier's 确认支付. Throws TradeActionError when the link or the trade cannot be paid. */
export function payByH5Link(token: string, now = Date.now()): PayResult {
  const found = tradeOfLink(token, now);
  if (!found) throw new TradeActionError("ORDER_NOT_EXIST", "支付链接无效");
  if (found.linkExpired && found.trade.state === "NOTPAY") throw new TradeActionError("ORDER_EXPIRED", "支付链接已过期，请回到商户页面重新发起支付");
  return payTrade(found.trade, { now });
}

/** The JS bridge's parameters, as getBrandWCPayRequest receives them from the merchant's page. */
export interface BridgeParams {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: string;
  paySign: string;
}

export type BridgeCheck =
  | { ok: true; trade: WechatTrade; channel: TradeChannel }
  | { ok: false; errDesc: string };

/**
 * What WeChat checks before it shows the pay sheet: paySign (SHA256withRSA over
 * appId\ntimeStamp\nnonceStr\npackage\n, verified with the merchant certificate), the appid the
 * prepay was made for, and that the prepay is still valid and unpaid.
 */
export function checkBridgeParams(params: BridgeParams, now = Date.now()): BridgeCheck {
  const fail = (errDesc: string): BridgeCheck => ({ ok: false, errDesc });
  if (params.signType !== "RSA") return fail("signType 须为 RSA");
  if (!/^\d{1,10}$/.test(params.timeStamp)) return fail("timeStamp 须为以秒为单位的时间戳字符串");
  const message = `${params.appId}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`;
  const keys = wechatKeys();
  let valid = false;
  try {
    valid = crypto.verify("sha256", Buffer.from(message, "utf8"), keys.merchantCert.publicKey, Buffer.from(params.paySign, "base64"));
  } catch {
    valid = false;
  }
  if (!valid) return fail("支付验证签名失败");
  const prepayId = params.package.startsWith("prepay_id=") ? params.package.slice("prepay_id=".length) : "";
  const channel = prepayId ? channelByPrepayId(prepayId) : null;
  const trade = channel ? findByOutTradeNo(channel.mchId, channel.outTradeNo) : null;
  if (!channel || !trade) return fail("package 中的 prepay_id 无效");
  if (trade.appId !== params.appId) return fail("appId 与下单时的 appid 不一致");
  if (channel.prepayExpiresAt !== null && channel.prepayExpiresAt <= now) return fail("prepay_id 已过期（有效期 2 小时），请重新下单");
  if (trade.state === "CLOSED") return fail("订单已关闭");
  if (isExpired(trade, now)) return fail("订单已过期");
  return { ok: true, trade, channel };
}

/** The bridge's 确认支付, after checkBridgeParams. The payer is the trade's own openid. */
export function payByBridge(params: BridgeParams): PayResult | { ok: false; errDesc: string } {
  const check = checkBridgeParams(params);
  if (!check.ok) return check;
  return payTrade(check.trade, { payerOpenId: check.channel.openid ?? undefined });
}
