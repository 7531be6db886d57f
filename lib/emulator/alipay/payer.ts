// The payer's side of the cashier: confirm or cancel in the browser, and the same actions for
// integration tests and e2e specs that have no browser.
import type { OutboundNotify } from "../dispatcher";
import { handleAlipayGateway } from "./gateway";
import { errorPage, infoPage } from "./html";
import { payTrade, settleExpiry, TradeActionError } from "./lifecycle";
import { cashierPath } from "./page-pay";
import { signedReturnUrl } from "./return-url";
import { findAnyByOutTradeNo, findByToken, type AlipayTrade } from "./trades";

const see = (location: string) => new Response(null, { status: 303, headers: { Location: location } });

// POST /sandbox/alipay/cashier/[token]/pay
export function handleCashierPay(token: string): Response {
  const trade = findByToken(token);
  if (!trade) return errorPage("ACQ.TRADE_NOT_EXIST", "交易不存在", 404);
  try {
    // A second click on a paid trade sends the payer back again, with a fresh signed return.
    const { trade: paid } = payTrade(trade);
    return see(signedReturnUrl(paid) ?? cashierPath(token));
  } catch (error) {
    if (error instanceof TradeActionError) return errorPage(error.code, error.message);
    throw error;
  }
}

// POST /sandbox/alipay/cashier/[token]/cancel
export function handleCashierCancel(token: string): Response {
  const trade = findByToken(token);
  if (!trade) return errorPage("ACQ.TRADE_NOT_EXIST", "交易不存在", 404);
  const to = cancelDestination(settleExpiry(trade));
  return to ? see(to) : infoPage("已取消付款", "交易未付款。可关闭此页面，回到商户网站重新发起支付。");
}

/**
 * Leaving the cashier does not close the trade: Alipay keeps it WAIT_BUYER_PAY until it times
 * out or the merchant closes it. On the phone cashier "退出" goes to quit_url, which is what
 * quit_url is for. The desktop cashier has no cancel button; the payer goes back to the merchant
 * page they came from (Referer), else to the merchant's site root. Never to return_url: that is
 * for signed results only.
 */
export function cancelDestination(trade: AlipayTrade): string | null {
  if (trade.method === "alipay.trade.wap.pay" && trade.quitUrl) return trade.quitUrl;
  if (trade.referer) return trade.referer;
  for (const url of [trade.returnUrl, trade.notifyUrl]) {
    if (!url) continue;
    try {
      return `${new URL(url).origin}/`;
    } catch {
      // not a URL: try the next
    }
  }
  return null;
}

export class AlipayCashierError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = "AlipayCashierError";
  }
}

export interface OpenedCashier {
  token: string;
  /** /sandbox/alipay/cashier/<token>, relative to the app's base URL. */
  cashierPath: string;
  trade: AlipayTrade;
}

/**
 * The payer lands on the cashier from the merchant's payUrl: a signed GET URL (pageExecute GET)
 * or the auto-submitting form HTML (pageExecute POST). Runs the gateway in-process, so the trade
 * comes into being exactly as when a browser follows the link. Throws AlipayCashierError with
 * the code Alipay's error page would show.
 */
export async function openCashier(payUrlOrForm: string, options: { referer?: string } = {}): Promise<OpenedCashier> {
  const headers: Record<string, string> = options.referer ? { Referer: options.referer } : {};
  const request = payUrlOrForm.trimStart().startsWith("<")
    ? formRequest(payUrlOrForm, headers)
    : new Request(payUrlOrForm, { method: "GET", headers });
  const response = await handleAlipayGateway(request);
  const location = response.headers.get("location");
  const token = location?.match(/\/sandbox\/alipay\/cashier\/([0-9a-f]+)$/)?.[1];
  if (response.status !== 302 || !token) {
    const text = await response.text();
    const code = text.match(/data-error-code="([^"]*)"/)?.[1] ?? text.match(/"sub_code":"([^"]*)"/)?.[1] ?? `HTTP ${response.status}`;
    const reason = text.match(/data-testid="error-reason">([^<]*)</)?.[1] ?? text.match(/"sub_msg":"([^"]*)"/)?.[1] ?? "";
    throw new AlipayCashierError(code, reason);
  }
  return { token, cashierPath: cashierPath(token), trade: findByToken(token)! };
}

export interface PaidByTest {
  trade: AlipayTrade;
  notify: OutboundNotify | null;
  /** Where the browser would be sent (signed), or null without a return_url. */
  returnUrl: string | null;
  alreadyPaid: boolean;
}

/** The payer presses 确认付款 (or, with late, a payment lands on a closed trade). */
export function payAlipayTrade(outTradeNo: string, options: { late?: boolean } = {}): PaidByTest {
  const trade = findAnyByOutTradeNo(outTradeNo);
  if (!trade) throw new AlipayCashierError("ACQ.TRADE_NOT_EXIST", "交易不存在：付款人尚未打开收银台");
  try {
    const result = payTrade(trade, options);
    return { ...result, returnUrl: signedReturnUrl(result.trade) };
  } catch (error) {
    if (error instanceof TradeActionError) throw new AlipayCashierError(error.code, error.message);
    throw error;
  }
}

/** The payer presses 取消付款: nothing changes at Alipay; returns where the browser would go. */
export function cancelAlipayTrade(outTradeNo: string): { trade: AlipayTrade; redirectTo: string | null } {
  const trade = findAnyByOutTradeNo(outTradeNo);
  if (!trade) throw new AlipayCashierError("ACQ.TRADE_NOT_EXIST", "交易不存在：付款人尚未打开收银台");
  const current = settleExpiry(trade);
  return { trade: current, redirectTo: cancelDestination(current) };
}

/** The trade as the emulator holds it (expiry applied), or null before the cashier was opened. */
export function getAlipayTrade(outTradeNo: string): AlipayTrade | null {
  const trade = findAnyByOutTradeNo(outTradeNo);
  return trade ? settleExpiry(trade) : null;
}

/** The POST the browser makes when alipay-sdk's form auto-submits. */
function formRequest(html: string, headers: Record<string, string>): Request {
  const action = html.match(/<form[^>]*\saction="([^"]*)"/i)?.[1];
  if (!action) throw new AlipayCashierError("FORM", "payUrl 既不是 URL，也不是含 action 的表单");
  const body = new URLSearchParams();
  for (const input of html.matchAll(/<input\b[^>]*>/gi)) {
    const name = input[0].match(/\sname="([^"]*)"/)?.[1];
    const value = input[0].match(/\svalue="([^"]*)"/)?.[1];
    if (name !== undefined) body.append(decodeEntities(name), decodeEntities(value ?? ""));
  }
  return new Request(decodeEntities(action), {
    method: "POST",
    headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
    body: body.toString(),
  });
}

function decodeEntities(text: string): string {
  const named: Record<string, string> = { quot: '"', amp: "&", lt: "<", gt: ">", apos: "'" };
  return text.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === "#") {
      const code = entity[1].toLowerCase() === "x" ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return String.fromCodePoint(code);
    }
    return named[entity.toLowerCase()] ?? whole;
  });
}
