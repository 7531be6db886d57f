// Refund test controls (not part of WeChat's protocol): arm a trade's refunds to stay PROCESSING,
// go ABNORMAL or CLOSED, answer 500 on create, drop a notify; settle a refund now; redeliver.
import { z } from "zod";
import { enqueueNotify, redeliverNow, type OutboundNotify } from "../dispatcher";
import { getRefundFault, setRefundFault, type WechatRefundFault } from "./refund-faults";
import { settleDueRefunds, settleRefund } from "./refund-lifecycle";
import { refundNotifies, refundNotifyKey } from "./refund-notify";
import { toRefundObject } from "./refund-object";
import { findAnyRefund, refundsOfTrade, type WechatRefund } from "./refunds";
import { findAnyByOutTradeNo } from "./trades";

const outTradeNo = z.string().min(1).max(64);
const outRefundNo = z.string().min(1).max(64);

export const wechatRefundFaultInput = z
  .object({
    /** Where the trade's new refunds end up; "PROCESSING" keeps them processing (settle_refund ends it). */
    outcome: z.enum(["SUCCESS", "PROCESSING", "ABNORMAL", "CLOSED"]).optional(),
    /** How long new refunds stay PROCESSING, in real ms (scaled by EMULATOR_TIME_SCALE). */
    settleDelayMs: z.number().int().min(0).max(86_400_000).optional(),
    /** The next N creates answer 500 SYSTEM_ERROR. */
    createErrors: z.number().int().min(0).max(100).optional(),
    /** true: such a create is recorded before the 500 (the answer was lost); false: not at all. */
    createErrorRecorded: z.boolean().optional(),
    /** The next refund notify of the trade: dropped or sent twice. */
    notify: z.enum(["none", "drop", "duplicate"]).optional(),
  })
  .strict();
export type WechatRefundFaultInput = z.infer<typeof wechatRefundFaultInput>;

export const wechatRefundControlBody = z.discriminatedUnion("action", [
  z.object({ action: z.literal("set_refund_fault"), outTradeNo, fault: wechatRefundFaultInput }).strict(),
  z.object({ action: z.literal("settle_refund"), outRefundNo, status: z.enum(["SUCCESS", "ABNORMAL", "CLOSED"]) }).strict(),
  z.object({ action: z.literal("redeliver_refund"), outRefundNo }).strict(),
]);
export type WechatRefundControlBody = z.infer<typeof wechatRefundControlBody>;

export class RefundControlError extends Error {
  constructor(
    readonly code: "REFUND_NOT_EXIST" | "ALREADY_SETTLED" | "NO_NOTIFY",
    message: string,
  ) {
    super(message);
    this.name = "RefundControlError";
  }
}

export function setWechatRefundFault(tradeNo: string, input: WechatRefundFaultInput): WechatRefundFault {
  const { notify, ...rest } = input;
  return setRefundFault(tradeNo, { ...rest, ...(notify !== undefined ? { nextNotify: notify } : {}) });
}

function requireRefund(refundNo: string): WechatRefund {
  settleDueRefunds();
  const refund = findAnyRefund(refundNo);
  if (!refund) throw new RefundControlError("REFUND_NOT_EXIST", `没有 out_refund_no 为 ${refundNo} 的退款`);
  return refund;
}

/** Ends a PROCESSING refund now with the given status (and its notify). */
export function settleWechatRefund(refundNo: string, status: "SUCCESS" | "ABNORMAL" | "CLOSED"): { refund: WechatRefund; notify: OutboundNotify } {
  const refund = requireRefund(refundNo);
  const settled = refund.status === "PROCESSING" ? settleRefund(refund, status) : null;
  if (!settled) throw new RefundControlError("ALREADY_SETTLED", `退款 ${refundNo} 已是 ${findAnyRefund(refundNo)!.status}，不能再改变`);
  return settled;
}

/** Sends the refund's undelivered notifies now; if all were acknowledged, the latest once more. */
export async function redeliverWechatRefundNotifies(refundNo: string): Promise<OutboundNotify[]> {
  requireRefund(refundNo);
  const notifies = refundNotifies(refundNo);
  const waiting = notifies.filter((n) => n.status !== "acked" && n.status !== "sending");
  if (waiting.length) {
    for (const n of waiting) await redeliverNow(n.id);
  } else {
    const latest = notifies.at(-1);
    if (!latest) throw new RefundControlError("NO_NOTIFY", "该退款尚未结束，还没有退款通知");
    const copy = enqueueNotify({ platform: "wechat", tradeKey: refundNotifyKey(refundNo), url: latest.url, contentType: latest.contentType, body: latest.body });
    await redeliverNow(copy.id);
  }
  return refundNotifies(refundNo);
}

function describeRefund(refund: WechatRefund) {
  return { refund: toRefundObject(refund), notifyUrl: refund.notifyUrl, notifies: refundNotifies(refund.outRefundNo) };
}

/** What the emulator holds about a trade's refunds (also for the wallet and tests). */
export function wechatRefundsOfTrade(tradeNo: string): WechatRefund[] {
  settleDueRefunds();
  const trade = findAnyByOutTradeNo(tradeNo);
  return trade ? refundsOfTrade(trade.mchId, trade.outTradeNo) : [];
}

const json = (status: number, body: unknown) => Response.json(body, { status });
const problem = (status: number, code: string, message: string) => json(status, { error: { code, message } });

// GET /sandbox/wechat/control/refunds?outTradeNo=… | ?outRefundNo=…
export function handleWechatRefundControlGet(req: Request): Response {
  const search = new URL(req.url).searchParams;
  const byRefund = search.get("outRefundNo");
  if (byRefund !== null) {
    const parsed = outRefundNo.safeParse(byRefund);
    if (!parsed.success) return problem(400, "bad_request", "查询参数 outRefundNo 须为 1–64 个字符");
    settleDueRefunds();
    const refund = findAnyRefund(parsed.data);
    return refund ? json(200, describeRefund(refund)) : problem(404, "REFUND_NOT_EXIST", `没有 out_refund_no 为 ${parsed.data} 的退款`);
  }
  const parsed = outTradeNo.safeParse(search.get("outTradeNo") ?? "");
  if (!parsed.success) return problem(400, "bad_request", "缺少查询参数 outTradeNo 或 outRefundNo（1–64 个字符）");
  return json(200, { fault: getRefundFault(parsed.data), refunds: wechatRefundsOfTrade(parsed.data).map(describeRefund) });
}

// POST /sandbox/wechat/control/refunds
export async function handleWechatRefundControlPost(req: Request): Promise<Response> {
  let raw: unknown;
  try {
    raw = await req.json();
  } catch {
    return problem(400, "bad_request", "请求体须为 JSON");
  }
  const parsed = wechatRefundControlBody.safeParse(raw);
  if (!parsed.success) return problem(400, "bad_request", z.prettifyError(parsed.error));
  const body = parsed.data;
  try {
    switch (body.action) {
      case "set_refund_fault":
        return json(200, { fault: setWechatRefundFault(body.outTradeNo, body.fault) });
      case "settle_refund": {
        const { refund, notify } = settleWechatRefund(body.outRefundNo, body.status);
        return json(200, { ...describeRefund(refund), notify });
      }
      case "redeliver_refund":
        return json(200, { notifies: await redeliverWechatRefundNotifies(body.outRefundNo) });
    }
  } catch (error) {
    if (error instanceof RefundControlError) return problem(error.code === "REFUND_NOT_EXIST" ? 404 : 409, error.code, error.message);
    throw error;
  }
}
