// The wire shapes we rely on (wire names: the SDK runs with camelcase false), validated before use.
// Amounts become fen and times become Dates here, exactly or not at all.
import { z } from "zod";
import { parseYuan } from "@/lib/money";
import { parseBeijingTime } from "./time";

const text = z.string().min(1);

/** "12.30" → 1230; "1.005", "1e3", "-1", "" are issues, never rounded. */
export const yuanAsFen = z.string().transform((value, ctx) => {
  try {
    return parseYuan(value);
  } catch {
    ctx.addIssue({ code: "custom", message: `not an exact yuan amount: ${JSON.stringify(value.slice(0, 30))}` });
    return z.NEVER;
  }
});

/** "2026-11-22 15:30:00" in Beijing time → Date. */
export const beijingTime = z.string().transform((value, ctx) => {
  const date = parseBeijingTime(value);
  if (!date) {
    ctx.addIssue({ code: "custom", message: `not a "yyyy-MM-dd HH:mm:ss" time: ${JSON.stringify(value.slice(0, 30))}` });
    return z.NEVER;
  }
  return date;
});

export const tradeStatus = z.enum(["WAIT_BUYER_PAY", "TRADE_CLOSED", "TRADE_SUCCESS", "TRADE_FINISHED"]);
export type TradeStatus = z.infer<typeof tradeStatus>;

/** A successful (code 10000) alipay.trade.query answer. */
export const tradeQueryResponse = z.object({
  code: z.literal("10000"),
  out_trade_no: text,
  trade_no: text.optional(),
  trade_status: tradeStatus,
  total_amount: yuanAsFen.optional(),
  send_pay_date: beijingTime.optional(),
  seller_id: text.optional(),
});
export type TradeQueryResponse = z.infer<typeof tradeQueryResponse>;

/** The fields of a trade_status_sync notify (signature already verified). */
export const tradeNotify = z.object({
  notify_id: text,
  notify_type: text.optional(),
  app_id: text,
  out_trade_no: text,
  trade_no: text,
  trade_status: tradeStatus,
  total_amount: yuanAsFen,
  seller_id: text.optional(),
  gmt_payment: beijingTime.optional(),
});
export type TradeNotify = z.infer<typeof tradeNotify>;

/** The sync return's query parameters (signature already verified). */
export const tradeReturn = z.object({
  app_id: text,
  out_trade_no: text,
  seller_id: text.optional(),
});

/** Any gateway answer node: enough to classify an error. */
export const gatewayAnswer = z.object({
  code: z.string(),
  msg: z.string().optional(),
  sub_code: z.string().optional(),
  sub_msg: z.string().optional(),
});
export type GatewayAnswer = z.infer<typeof gatewayAnswer>;

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
    .join("; ");
}
