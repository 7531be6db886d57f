// Test controls (not part of WeChat's protocol): faults, payer actions and redelivery by
// out_trade_no, for integration tests and e2e specs.
import { z } from "zod";
import { enqueueNotify, listNotifies, redeliverNow, type OutboundNotify } from "../dispatcher";
import { getFault, setFault, type WechatFault } from "./faults";
import { expireTrade, payTrade, TradeActionError, type PayResult } from "./lifecycle";
import { toTransaction } from "./transaction";
import { findAnyByOutTradeNo, type WechatTrade } from "./trades";

const outTradeNo = z.string().min(1).max(64);

export const wechatFaultInput = z
  .object({
    /** The next notify: dropped, sent twice, or held back for delayMs. "none" clears it. */
    notify: z.enum(["none", "drop", "duplicate", "delay"]).optional(),
    delayMs: z.number().int().min(0).max(86_400_000).optional(),
    /** Queries of the trade answer 500 SYSTEM_ERROR while true. */
    queryError: z.boolean().optional(),
  })
  .strict()
  .refine((f) => f.notify !== "delay" || f.delayMs !== undefined, { message: 'notify 为 "delay" 时须给出 delayMs（毫秒）', path: ["delayMs"] });
export type WechatFaultInput = z.infer<typeof wechatFaultInput>;

export const wechatControlBody = z.discriminatedUnion("action", [
  z.object({ action: z.literal("set_fault"), outTradeNo, fault: wechatFaultInput }).strict(),
  z.object({ action: z.literal("pay"), outTradeNo }).strict(),
  z.object({ action: z.literal("pay_after_close"), outTradeNo }).strict(),
  z.object({ action: z.literal("redeliver"), outTradeNo }).strict(),
  z.object({ action: z.literal("expire"), outTradeNo }).strict(),
]);
export type WechatControlBody = z.infer<typeof wechatControlBody>;

/** Arms faults for a trade (before or after it exists); returns the trade's faults now. */
export function setWechatFault(tradeNo: string, input: WechatFaultInput): WechatFault {
  const change: Partial<WechatFault> = {};
  // A notify choice replaces the previous one; delayMs alone only changes the wait.
  if (input.notify !== undefined) {
    change.nextNotify = input.notify === "drop" || input.notify === "duplicate" ? input.notify : "none";
    change.nextNotifyDelayMs = input.notify === "none" ? 0 : (input.delayMs ?? 0);
  } else if (input.delayMs !== undefined) {
    change.nextNotifyDelayMs = input.delayMs;
  }
  if (input.queryError !== undefined) change.queryError = input.queryError;
  return setFault(tradeNo, change);
}

export function getWechatTrade(tradeNo: string): WechatTrade | null {
  return findAnyByOutTradeNo(tradeNo);
}

function requireTrade(tradeNo: string): WechatTrade {
  const trade = findAnyByOutTradeNo(tradeNo);
  if (!trade) throw new TradeActionError("ORDER_NOT_EXIST", `没有 out_trade_no 为 ${tradeNo} 的订单：商户尚未下单`);
  return trade;
}

/** The payer pays (late: a payment landing on a closed or expired order). Throws TradeActionError. */
export function payWechatTrade(tradeNo: string, options: { late?: boolean } = {}): PayResult {
  return payTrade(requireTrade(tradeNo), options);
}

/** The code_url's time runs out now; the order stays NOTPAY and can no longer be paid. */
export function expireWechatTrade(tradeNo: string): WechatTrade {
  return expireTrade(requireTrade(tradeNo));
}

export function wechatNotifies(tradeNo: string): OutboundNotify[] {
  // Alipay trades can share an out_trade_no; keep WeChat's own.
  return listNotifies(tradeNo).filter((n) => n.platform === "wechat");
}

/**
 * Sends every undelivered notify of the trade now; if all were acknowledged, delivers the latest
 * once more (same notify id), as WeChat's redelivery does.
 */
export async function redeliverWechatNotifies(tradeNo: string): Promise<OutboundNotify[]> {
  const notifies = wechatNotifies(tradeNo);
  const waiting = notifies.filter((n) => n.status !== "acked" && n.status !== "sending");
  if (waiting.length) {
    for (const n of waiting) await redeliverNow(n.id);
  } else {
    const latest = notifies.at(-1);
    if (!latest) throw new TradeActionError("ORDER_NOT_EXIST", "该订单还没有支付通知");
    const copy = enqueueNotify({ platform: "wechat", tradeKey: tradeNo, url: latest.url, contentType: latest.contentType, body: latest.body });
    await redeliverNow(copy.id);
  }
  return wechatNotifies(tradeNo);
}

const json = (status: number, body: unknown) => Response.json(body, { status });
const problem = (status: number, code: string, message: string) => json(status, { error: { code, message } });

function describe(trade: WechatTrade) {
  return { trade, transaction: toTransaction(trade) };
}

// GET /sandbox/wechat/control?outTradeNo=…
export function handleWechatControlGet(req: Request): Response {
  const parsed = outTradeNo.safeParse(new URL(req.url).searchParams.get("outTradeNo") ?? "");
  if (!parsed.success) return problem(400, "bad_request", "缺少查询参数 outTradeNo（1–64 个字符）");
  const trade = findAnyByOutTradeNo(parsed.data);
  const notifies = wechatNotifies(parsed.data);
  if (!trade && notifies.length === 0) return problem(404, "ORDER_NOT_EXIST", `没有 out_trade_no 为 ${parsed.data} 的订单`);
  return json(200, { ...(trade ? describe(trade) : { trade: null, transaction: null }), fault: getFault(parsed.data), notifies });
}

// POST /sandbox/wechat/control
export async function handleWechatControlPost(req: Request): Promise<Response> {
  let raw: unknown;
  try {
    raw = await req.json();
  } catch {
    return problem(400, "bad_request", "请求体须为 JSON");
  }
  const parsed = wechatControlBody.safeParse(raw);
  if (!parsed.success) return problem(400, "bad_request", z.prettifyError(parsed.error));
  const body = parsed.data;
  try {
    switch (body.action) {
      case "set_fault":
        return json(200, { fault: setWechatFault(body.outTradeNo, body.fault) });
      case "pay":
      case "pay_after_close": {
        const result = payWechatTrade(body.outTradeNo, { late: body.action === "pay_after_close" });
        return json(200, { ...describe(result.trade), notify: result.notify, alreadyPaid: result.alreadyPaid });
      }
      case "redeliver":
        return json(200, { notifies: await redeliverWechatNotifies(body.outTradeNo) });
      case "expire":
        return json(200, describe(expireWechatTrade(body.outTradeNo)));
    }
  } catch (error) {
    if (error instanceof TradeActionError) return problem(error.code === "ORDER_NOT_EXIST" ? 404 : 409, error.code, error.message);
    throw error;
  }
}
