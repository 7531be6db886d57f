// WeChat's transaction object (from a query or a decrypted notify) → our PaymentFact. Pure.
import type { FactSource, PaymentFact } from "../types";
import { describeIssues, wechatTransaction, type WechatTransaction } from "./schemas";
import { parseRfc3339 } from "./time";

export class TransactionShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TransactionShapeError";
  }
}

/** Validates a raw transaction object and states what it means; throws TransactionShapeError. */
export function toPaymentFact(raw: unknown, source: FactSource): PaymentFact {
  const parsed = wechatTransaction.safeParse(raw);
  if (!parsed.success) throw new TransactionShapeError(`交易数据格式不正确：${describeIssues(parsed.error)}`);
  return transactionToFact(parsed.data, source);
}

export function transactionToFact(tx: WechatTransaction, source: FactSource): PaymentFact {
  const about = { orderNo: tx.out_trade_no, appId: tx.appid, merchantId: tx.mchid, source };
  switch (tx.trade_state) {
    // REFUND: paid first, then (part) refunded; the payment itself stands.
    case "SUCCESS":
    case "REFUND": {
      if (!tx.transaction_id || !tx.success_time || !tx.amount) {
        throw new TransactionShapeError(`${tx.trade_state} 交易缺少 transaction_id、success_time 或 amount`);
      }
      let paidAt: Date;
      try {
        paidAt = parseRfc3339(tx.success_time);
      } catch {
        throw new TransactionShapeError(`success_time 不是 RFC 3339 时间：${tx.success_time.slice(0, 40)}`);
      }
      return {
        kind: "paid",
        orderNo: tx.out_trade_no,
        platformTradeNo: tx.transaction_id,
        amountFen: tx.amount.total,
        paidAt,
        appId: tx.appid,
        merchantId: tx.mchid,
        source,
      };
    }
    case "NOTPAY":
    case "USERPAYING":
      return { kind: "unpaid", ...about };
    case "CLOSED":
    case "REVOKED":
    case "PAYERROR":
      return { kind: "closed", ...about };
    default: {
      const unreachable: never = tx.trade_state;
      throw new TransactionShapeError(`未知的 trade_state：${String(unreachable)}`);
    }
  }
}

/** The platform answered 404 ORDER_NOT_EXIST: it never saw this out_trade_no. */
export function notFoundFact(orderNo: string, source: FactSource): PaymentFact {
  return { kind: "not_found", orderNo, source };
}
