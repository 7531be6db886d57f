// Test controls (not part of Alipay's protocol): faults, payer actions and redelivery by
// out_trade_no, for integration tests and e2e specs.
import { z } from "zod";
import { enqueueNotify, listNotifies, redeliverNow, type OutboundNotify } from "../dispatcher";
import { setBillPlant, setBillSettings } from "./bill-settings";
import { getFault, setFault } from "./faults";
import { getRefundFault, setRefundFault } from "./refund-faults";
import { refundsOfTrade } from "./refunds";
import { expireTrade } from "./lifecycle";
import { AlipayCashierError, getAlipayTrade, payAlipayTrade } from "./payer";

const outTradeNo = z.string().min(1).max(64);

export const alipayFaultInput = z
  .object({
    nextNotify: z.enum(["none", "drop", "duplicate"]),
    nextNotifyDelayMs: z.number().int().min(0).max(86_400_000),
    queryError: z.enum(["none", "ACQ.SYSTEM_ERROR", "20000"]),
    queryErrorTimes: z.number().int().min(1).max(1000).nullable(),
  })
  .partial()
  .strict();

export const alipayRefundFaultInput = z
  .object({
    createError: z.enum(["none", "ACQ.SYSTEM_ERROR", "20000", "http_502"]),
    createErrorTimes: z.number().int().min(1).max(1000).nullable(),
    queryUnconfirmed: z.number().int().min(0).max(1000),
  })
  .partial()
  .strict();

export const alipayBillSettingsInput = z
  .object({ feeRateBasisPoints: z.number().int().min(0).max(10_000), includeToday: z.boolean() })
  .partial()
  .strict();

export const alipayControlBody = z.discriminatedUnion("action", [
  z.object({ action: z.literal("set_fault"), outTradeNo, fault: alipayFaultInput }).strict(),
  z.object({ action: z.literal("pay"), outTradeNo }).strict(),
  z.object({ action: z.literal("pay_after_close"), outTradeNo }).strict(),
  z.object({ action: z.literal("redeliver"), outTradeNo }).strict(),
  z.object({ action: z.literal("expire"), outTradeNo }).strict(),
  z.object({ action: z.literal("set_refund_fault"), outTradeNo, fault: alipayRefundFaultInput }).strict(),
  z.object({ action: z.literal("set_bill_settings"), settings: alipayBillSettingsInput }).strict(),
  // Plant a difference in every bill holding the trade: leave it out, or show another amount.
  z
    .object({
      action: z.literal("plant_bill_difference"),
      outTradeNo,
      omit: z.boolean().optional(),
      amountFen: z.number().int().min(1).max(10_000_000_000).nullable().optional(),
    })
    .strict(),
]);
export type AlipayControlBody = z.infer<typeof alipayControlBody>;

const json = (status: number, body: unknown) => Response.json(body, { status });
const problem = (status: number, code: string, message: string) => json(status, { error: { code, message } });

// GET /sandbox/alipay/control?outTradeNo=…
export function handleAlipayControlGet(req: Request): Response {
  const parsed = outTradeNo.safeParse(new URL(req.url).searchParams.get("outTradeNo") ?? "");
  if (!parsed.success) return problem(400, "bad_request", "缺少查询参数 outTradeNo（1–64 个字符）");
  const trade = getAlipayTrade(parsed.data);
  const notifies = alipayNotifies(parsed.data);
  if (!trade && notifies.length === 0) return problem(404, "trade_not_found", `没有 out_trade_no 为 ${parsed.data} 的交易：付款人尚未打开收银台`);
  const refunds = trade ? refundsOfTrade(trade.tradeNo) : [];
  return json(200, { trade, fault: getFault(parsed.data), refundFault: getRefundFault(parsed.data), refunds, notifies });
}

// POST /sandbox/alipay/control
export async function handleAlipayControlPost(req: Request): Promise<Response> {
  let raw: unknown;
  try {
    raw = await req.json();
  } catch {
    return problem(400, "bad_request", "请求体须为 JSON");
  }
  const parsed = alipayControlBody.safeParse(raw);
  if (!parsed.success) return problem(400, "bad_request", z.prettifyError(parsed.error));
  const body = parsed.data;
  try {
    switch (body.action) {
      case "set_fault":
        return json(200, { fault: setFault(body.outTradeNo, body.fault) });
      case "pay":
      case "pay_after_close": {
        const result = payAlipayTrade(body.outTradeNo, { late: body.action === "pay_after_close" });
        return json(200, result);
      }
      case "redeliver":
        return json(200, { notifies: await redeliver(body.outTradeNo) });
      case "expire": {
        const trade = getAlipayTrade(body.outTradeNo);
        if (!trade) throw new AlipayCashierError("ACQ.TRADE_NOT_EXIST", "交易不存在：付款人尚未打开收银台");
        return json(200, { trade: expireTrade(trade) });
      }
      case "set_refund_fault":
        return json(200, { refundFault: setRefundFault(body.outTradeNo, body.fault) });
      case "set_bill_settings":
        return json(200, { billSettings: setBillSettings(body.settings) });
      case "plant_bill_difference": {
        const { omit, amountFen } = body;
        return json(200, { billPlant: setBillPlant(body.outTradeNo, { ...(omit !== undefined ? { omit } : {}), ...(amountFen !== undefined ? { amountFen } : {}) }) });
      }
    }
  } catch (error) {
    if (error instanceof AlipayCashierError) {
      return problem(error.code === "ACQ.TRADE_NOT_EXIST" ? 404 : 409, error.code, error.message);
    }
    throw error;
  }
}

function alipayNotifies(tradeKey: string): OutboundNotify[] {
  // WeChat trades can share an out_trade_no; keep Alipay's own.
  return listNotifies(tradeKey).filter((n) => n.platform === "alipay");
}

/**
 * Sends every undelivered notify of the trade now; if all were acknowledged, delivers the latest
 * once more (same notify_id), as Alipay's own redelivery does.
 */
async function redeliver(tradeKey: string): Promise<OutboundNotify[]> {
  const notifies = alipayNotifies(tradeKey);
  const waiting = notifies.filter((n) => n.status !== "acked" && n.status !== "sending");
  if (waiting.length) {
    for (const n of waiting) await redeliverNow(n.id);
  } else {
    const latest = notifies.at(-1);
    if (!latest) throw new AlipayCashierError("NO_NOTIFY", "该交易还没有异步通知");
    const copy = enqueueNotify({ platform: "alipay", tradeKey, url: latest.url, contentType: latest.contentType, body: latest.body });
    await redeliverNow(copy.id);
  }
  return alipayNotifies(tradeKey);
}
