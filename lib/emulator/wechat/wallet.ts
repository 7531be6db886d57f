// The payer's phone: "scan" a code_url, then pay or decline. Used by the wallet page (plain HTML
// forms posting to route handlers) and by tests that have no browser. Like a real WeChat wallet
// it knows only the code it scanned: no list of other people's orders, and nothing of the
// merchant's payer (the view carries what the merchant sent the platform, never attach).
import { wechatKeys } from "./credentials";
import { declineTrade, isExpired, payTrade, TradeActionError, type PayResult } from "./lifecycle";
import { formatFen } from "../money";
import { rfc3339Beijing } from "./time";
import { CODE_URL_PREFIX, findByCodeToken, type WechatTrade } from "./trades";

export const WALLET_PATH = "/sandbox/wechat/wallet";
export const MERCHANT_NAME = "模拟商户";

/** The pr= token of a code_url we issued, or null for anything else. */
export function tokenFromCodeUrl(codeUrl: string): string | null {
  const text = codeUrl.trim();
  if (!text.startsWith(CODE_URL_PREFIX)) return null;
  const token = text.slice(CODE_URL_PREFIX.length);
  return /^[A-Za-z0-9]{1,64}$/.test(token) ? token : null;
}

export function findTradeByCodeUrl(codeUrl: string): WechatTrade | null {
  const token = tokenFromCodeUrl(codeUrl);
  return token ? findByCodeToken(token) : null;
}

function tradeFor(codeUrl: string): WechatTrade {
  const trade = findTradeByCodeUrl(codeUrl);
  if (!trade) throw new TradeActionError("ORDER_NOT_EXIST", "二维码无效：找不到对应的订单");
  return trade;
}

/** 确认支付. Throws TradeActionError for an unknown, expired or closed code; paying twice is a no-op. */
export function payByCodeUrl(codeUrl: string): PayResult {
  return payTrade(tradeFor(codeUrl));
}

/** 拒绝支付: only a note; the order stays NOTPAY. */
export function declineByCodeUrl(codeUrl: string): WechatTrade {
  return declineTrade(tradeFor(codeUrl));
}

export type WalletStatus = "payable" | "paid" | "closed" | "expired" | "unknown";

export interface WalletView {
  status: WalletStatus;
  codeUrl: string;
  merchantName: string;
  mchId: string;
  description: string | null;
  amountText: string | null;
  outTradeNo: string | null;
  transactionId: string | null;
  successTimeText: string | null;
  expiresAtText: string | null;
  declined: boolean;
}

const display = (ms: number) => rfc3339Beijing(ms).slice(0, 19).replace("T", " ");

export function walletView(codeUrl: string, now = Date.now()): WalletView {
  const trade = findTradeByCodeUrl(codeUrl);
  const base = { codeUrl, merchantName: MERCHANT_NAME, mchId: trade?.mchId ?? wechatKeys().mchId };
  if (!trade) {
    return { ...base, status: "unknown", description: null, amountText: null, outTradeNo: null, transactionId: null, successTimeText: null, expiresAtText: null, declined: false };
  }
  const status: WalletStatus = trade.state === "SUCCESS" ? "paid" : trade.state === "CLOSED" ? "closed" : isExpired(trade, now) ? "expired" : "payable";
  return {
    ...base,
    status,
    description: trade.description,
    amountText: formatFen(trade.totalFen),
    outTradeNo: trade.outTradeNo,
    transactionId: trade.transactionId,
    successTimeText: trade.successAt ? display(trade.successAt) : null,
    expiresAtText: display(trade.expiresAt),
    declined: trade.declinedAt !== null,
  };
}

export function walletUrl(codeUrl: string, result?: "paid" | "declined" | "refused"): string {
  return `${WALLET_PATH}?code_url=${encodeURIComponent(codeUrl)}${result ? `&result=${result}` : ""}`;
}

const see = (location: string) => new Response(null, { status: 303, headers: { Location: location } });

async function formCodeUrl(req: Request): Promise<string> {
  try {
    const value = (await req.formData()).get("code_url");
    return typeof value === "string" ? value : "";
  } catch {
    return "";
  }
}

// POST /sandbox/wechat/wallet/pay – the payer presses 确认支付; back to the wallet page with the result
export async function handleWalletPay(req: Request): Promise<Response> {
  const codeUrl = await formCodeUrl(req);
  try {
    payByCodeUrl(codeUrl);
    return see(walletUrl(codeUrl, "paid"));
  } catch (error) {
    if (error instanceof TradeActionError) return see(walletUrl(codeUrl, "refused"));
    throw error;
  }
}

// POST /sandbox/wechat/wallet/decline – the payer presses 拒绝支付
export async function handleWalletDecline(req: Request): Promise<Response> {
  const codeUrl = await formCodeUrl(req);
  try {
    declineByCodeUrl(codeUrl);
    return see(walletUrl(codeUrl, "declined"));
  } catch (error) {
    if (error instanceof TradeActionError) return see(walletUrl(codeUrl, "refused"));
    throw error;
  }
}
