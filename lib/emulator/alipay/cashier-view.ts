// What the cashier page shows for a token, with money already formatted (integer fen inside).
// Only what a payer needs to confirm the payment: the merchant's subject, the amount and the trade
// numbers; never the trade's body or passback params, where a merchant might put its payer's data.
import { settleExpiry } from "./lifecycle";
import { formatFen } from "../money";
import { signedReturnUrl } from "./return-url";
import { beijingTime } from "./time";
import { findByToken, type TradeStatus } from "./trades";

export interface CashierView {
  token: string;
  subject: string;
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
