// What the payer's wallet shows of a paid order's refunds: amount, status in words, and when the
// money came back (WeChat's 零钱 shows the same).
import { formatFen } from "../money";
import { settleDueRefunds } from "./refund-lifecycle";
import { refundsOfTrade, type RefundStatus } from "./refunds";
import { rfc3339Beijing } from "./time";
import { findTradeByCodeUrl } from "./wallet";

export interface WalletRefundItem {
  outRefundNo: string;
  amountText: string;
  status: RefundStatus;
  statusText: string;
  /** Beijing time of the refund's success, else of its request. */
  timeText: string;
}

const STATUS_TEXT: Record<RefundStatus, string> = {
  PROCESSING: "退款处理中",
  SUCCESS: "已退款到零钱",
  ABNORMAL: "退款异常",
  CLOSED: "退款已关闭",
};

const display = (ms: number) => rfc3339Beijing(ms).slice(0, 19).replace("T", " ");

export function walletRefunds(codeUrl: string): WalletRefundItem[] {
  const trade = findTradeByCodeUrl(codeUrl);
  if (!trade || trade.state !== "SUCCESS") return [];
  settleDueRefunds();
  return refundsOfTrade(trade.mchId, trade.outTradeNo).map((r) => ({
    outRefundNo: r.outRefundNo,
    amountText: formatFen(r.refundFen),
    status: r.status,
    statusText: STATUS_TEXT[r.status],
    timeText: display(r.successAt ?? r.createdAt),
  }));
}
