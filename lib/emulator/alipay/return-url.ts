// The synchronous return: the payer's browser goes to return_url with the result as signed query
// parameters (signed like a notify). It is a hint for the payer's page, not proof of payment.
import { alipayKeys } from "./credentials";
import { fenToYuan } from "../money";
import { encodeForm, signNotify } from "./notify";
import { beijingTime } from "./time";
import type { AlipayTrade } from "./trades";

export function signedReturnUrl(trade: AlipayTrade, now = Date.now()): string | null {
  if (!trade.returnUrl) return null;
  const params = signNotify({
    charset: "utf-8",
    out_trade_no: trade.outTradeNo,
    method: `${trade.method}.return`,
    total_amount: fenToYuan(trade.totalFen),
    trade_no: trade.tradeNo,
    auth_app_id: trade.appId,
    version: "1.0",
    app_id: trade.appId,
    sign_type: "RSA2",
    seller_id: alipayKeys().sellerId,
    timestamp: beijingTime(now),
  });
  // The merchant's own query parameters stay (unsigned); Alipay appends its own after them.
  const separator = trade.returnUrl.includes("?") ? "&" : "?";
  return `${trade.returnUrl}${separator}${encodeForm(params)}`;
}
