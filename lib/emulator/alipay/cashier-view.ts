// What the cashier page shows for a token, with money already formatted (integer fen inside).
import { settleExpiry } from "./lifecycle";
import { formatFen } from "../money";
import { signedReturnUrl } from "./return-url";
import { beijingTime } from "./time";
import { findByToken, type TradeStatus } from "./trades";

export interface CashierView {
  token: string;
  subject: string;
  body: string | null;
  amountText: string;
  outTradeNo: string;
  tradeNo: string;
  status: TradeStatus;
  /** From alipay.trade.wap.pay: the phone layout. */
  wap: boolean;
  expiresAtText: string;
  paidAtText: string | null;
  /** Signed return for a paid trade ("返回商家"). */
  returnUrl: string | null;
}

export function cashierView(token: string): CashierView | null {
  if (!/^[0-9a-f]{32}$/.test(token)) return null;
  const found = findByToken(token);
  if (!found) return null;
  const trade = settleExpiry(found);
  return {
    token,
    subject: trade.subject,
    body: trade.body,
    amountText: formatFen(trade.totalFen),
    outTradeNo: trade.outTradeNo,
    tradeNo: trade.tradeNo,
    status: trade.status,
    wap: trade.method === "alipay.trade.wap.pay",
    expiresAtText: beijingTime(trade.expiresAt),
    paidAtText: trade.paidAt === null ? null : beijingTime(trade.paidAt),
    returnUrl: trade.status === "TRADE_SUCCESS" ? signedReturnUrl(trade) : null,
  };
}
