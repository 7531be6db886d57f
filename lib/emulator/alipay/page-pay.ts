// alipay.trade.page.pay / alipay.trade.wap.pay: the payer's browser arrives at the gateway with
// the merchant's signed parameters. The trade comes into being here, when the payer opens the
// cashier; before that Alipay has never heard of the out_trade_no.
import { checkPagePay, parseBizContent, type PagePayOrder } from "./biz-content";
import { alipayKeys } from "./credentials";
import { errorPage } from "./html";
import { armExpiryTimer, findTrade } from "./lifecycle";
import type { Params } from "./sign";
import { insertTrade, updateVisit, type AlipayTrade, type PageMethod } from "./trades";

export const PAGE_METHODS: readonly PageMethod[] = ["alipay.trade.page.pay", "alipay.trade.wap.pay"];

export function isPageMethod(method: string): method is PageMethod {
  return (PAGE_METHODS as readonly string[]).includes(method);
}

export function cashierPath(token: string): string {
  return `/sandbox/alipay/cashier/${token}`;
}

export function openPagePay(method: PageMethod, params: Params, referer: string | null, now = Date.now()): Response {
  const checked = checkPagePay(method, parseBizContent(params.biz_content), now);
  if (!checked.ok) return errorPage(checked.subCode, checked.subMsg);
  const order = checked.value;
  const appId = alipayKeys().appId;
  const visit = { method, returnUrl: params.return_url || null, quitUrl: order.quitUrl, referer };

  const existing = findTrade(appId, { outTradeNo: order.outTradeNo });
  const trade =
    existing ??
    insertTrade({
      appId,
      outTradeNo: order.outTradeNo,
      method,
      productCode: order.productCode,
      subject: order.subject,
      body: order.body,
      passbackParams: order.passbackParams,
      totalFen: order.totalFen,
      notifyUrl: params.notify_url || null,
      returnUrl: visit.returnUrl,
      quitUrl: visit.quitUrl,
      referer,
      createdAt: now,
      expiresAt: order.expiresAt,
    });
  // Also covers a concurrent first visit that lost the insert race.
  const refusal = reopenRefusal(trade, order);
  if (refusal) return errorPage(refusal.code, refusal.reason);
  if (existing) updateVisit(trade.tradeNo, visit);
  else armExpiryTimer();

  // Relative, so it stays on whatever host the browser used to reach the gateway.
  return new Response(null, { status: 302, headers: { Location: cashierPath(trade.cashierToken) } });
}

/** The same out_trade_no may be opened again while unpaid, with the same content. */
function reopenRefusal(trade: AlipayTrade, order: PagePayOrder): { code: string; reason: string } | null {
  if (trade.status === "TRADE_SUCCESS") return { code: "ACQ.TRADE_HAS_SUCCESS", reason: "交易已经支付" };
  if (trade.status === "TRADE_CLOSED") return { code: "ACQ.TRADE_HAS_CLOSE", reason: "交易已经关闭" };
  if (trade.totalFen !== order.totalFen || trade.subject !== order.subject) {
    return { code: "ACQ.CONTEXT_INCONSISTENT", reason: "交易信息被篡改：同一商户订单号的金额或标题与首次提交不一致" };
  }
  return null;
}
