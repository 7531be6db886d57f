// The refund state machine: create (idempotent on out_refund_no, never more than the trade's
// total), PROCESSING → SUCCESS | ABNORMAL | CLOSED after a delay (or by a test control), and the
// notify each settlement sends. Settling runs on a timer and also lazily before every read, so a
// server that restarted (or another bundled copy of this module) still settles what is due.
import { timeScale } from "../store";
import { canonicalJson } from "./native-request";
import { enqueueRefundNotify } from "./refund-notify";
import { getRefundFault, takeCreateError } from "./refund-faults";
import type { RefundRequest } from "./refund-request";
import { dueRefunds, findRefund, insertRefund, markSettled, nextSettleAt, reloadRefund, type RefundStatus, type WechatRefund } from "./refunds";
import { WechatApiError } from "./response";
import { findByOutTradeNo, findByTransactionId, type WechatTrade } from "./trades";
import type { OutboundNotify } from "../dispatcher";

const REFUND_WINDOW_MS = 365 * 24 * 3600 * 1000;

const systemError = () => new WechatApiError(500, "SYSTEM_ERROR", "系统错误，请使用相同的 out_refund_no 重试");

function tradeOf(mchId: string, request: RefundRequest): WechatTrade | null {
  return request.transaction_id ? findByTransactionId(mchId, request.transaction_id) : findByOutTradeNo(mchId, request.out_trade_no!);
}

/** POST /v3/refund/domestic/refunds after validation. Throws WechatApiError. */
export function createRefund(mchId: string, request: RefundRequest, now = Date.now()): WechatRefund {
  settleDueRefunds(now);
  const trade = tradeOf(mchId, request);
  // Unknown, unpaid and closed orders are all "not found" to the refund API.
  if (!trade || trade.state !== "SUCCESS") throw new WechatApiError(404, "RESOURCE_NOT_EXISTS", "订单不存在或订单未支付，无法退款");
  const armedError = takeCreateError(trade.outTradeNo);
  if (armedError && !armedError.recorded) throw systemError();

  const paramsKey = canonicalJson({
    out_trade_no: trade.outTradeNo,
    refund: request.amount.refund,
    total: request.amount.total,
    reason: request.reason ?? "",
  });
  const existing = findRefund(mchId, request.out_refund_no);
  if (existing) return sameRefund(existing, paramsKey, armedError);

  if (request.amount.total !== trade.totalFen) {
    throw new WechatApiError(400, "INVALID_REQUEST", `订单金额 amount.total（${request.amount.total} 分）与原订单金额不一致`);
  }
  if (trade.successAt !== null && now - trade.successAt > REFUND_WINDOW_MS) {
    throw new WechatApiError(400, "INVALID_REQUEST", "订单已超过一年退款期限，无法退款");
  }

  const fault = getRefundFault(trade.outTradeNo);
  const result = insertRefund(
    {
      mchId,
      outRefundNo: request.out_refund_no,
      outTradeNo: trade.outTradeNo,
      transactionId: trade.transactionId!,
      reason: request.reason ?? null,
      notifyUrl: request.notify_url ?? null,
      refundFen: request.amount.refund,
      totalFen: trade.totalFen,
      paramsKey,
      outcome: fault.outcome,
      settleAt: now + Math.round(fault.settleDelayMs * timeScale()),
    },
    now,
  );
  switch (result.kind) {
    case "existing":
      return sameRefund(result.refund, paramsKey, armedError);
    case "over_refund":
      throw new WechatApiError(400, "INVALID_REQUEST", `申请退款金额超过订单可退金额（剩余可退 ${result.refundableFen} 分）`);
    case "too_many":
      throw new WechatApiError(400, "INVALID_REQUEST", "该订单的退款次数已达上限（50 次）");
    case "created":
      scheduleSettle(result.refund.settleAt);
      if (armedError) throw systemError();
      return result.refund;
  }
}

/** A repeat of a known out_refund_no: the same refund, unless its parameters differ. */
function sameRefund(existing: WechatRefund, paramsKey: string, armedError: { recorded: boolean } | null): WechatRefund {
  if (existing.paramsKey !== paramsKey) throw new WechatApiError(400, "INVALID_REQUEST", "请求重入时，参数与首次请求时不一致");
  if (armedError) throw systemError();
  return existing;
}

/** GET /v3/refund/domestic/refunds/{out_refund_no}. */
export function queryRefund(mchId: string, outRefundNo: string, now = Date.now()): WechatRefund {
  settleDueRefunds(now);
  const refund = findRefund(mchId, outRefundNo);
  if (!refund) throw new WechatApiError(404, "RESOURCE_NOT_EXISTS", "退款单不存在");
  return refund;
}

type Settled = Exclude<RefundStatus, "PROCESSING">;

/** PROCESSING → status, with its notify; null when it had already settled. */
export function settleRefund(refund: WechatRefund, status: Settled, now = Date.now()): { refund: WechatRefund; notify: OutboundNotify } | null {
  if (!markSettled(refund, status, now)) return null;
  const settled = reloadRefund(refund) as WechatRefund & { status: Settled };
  const trade = findByOutTradeNo(refund.mchId, refund.outTradeNo);
  return { refund: settled, notify: enqueueRefundNotify(settled, trade?.notifyUrl ?? "") };
}

/** Settles every refund whose delay has passed; returns how many this call settled. */
export function settleDueRefunds(now = Date.now()): number {
  let settled = 0;
  for (const refund of dueRefunds(now)) {
    if (settleRefund(refund, refund.outcome as Settled, now)) settled++;
  }
  const next = nextSettleAt();
  if (next !== null) scheduleSettle(next);
  return settled;
}

let timer: NodeJS.Timeout | null = null;
let timerAt = Infinity;

function scheduleSettle(at: number): void {
  if (timer && timerAt <= at) return;
  if (timer) clearTimeout(timer);
  timerAt = at;
  timer = setTimeout(() => {
    timer = null;
    timerAt = Infinity;
    try {
      settleDueRefunds();
    } catch (error) {
      console.error("wechat emulator: settling refunds failed", error instanceof Error ? error.message : error);
    }
  }, Math.max(0, at - Date.now()));
  // Never keep a test process or a stopping server alive for a refund.
  timer.unref();
}

/** At start: settle what came due while the server was down and arm the timer for the rest. */
export function resumeWechatRefunds(): void {
  settleDueRefunds();
}
