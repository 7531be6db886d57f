// Bill test controls (not part of WeChat's protocol): plant a difference (leave a trade or refund
// out of its day's bill, or show another amount), set the fee rate, make a day's bill ready now or
// keep it "being generated".
import { z } from "zod";
import { billText } from "./bill-file";
import { billRows } from "./bill-rows";
import { dayAvailability, feeRateBp, plantFor, setDayAvailability, setFeeRateBp, setPlant, type Plant, type PlantKind } from "./bill-store";
import { settleDueRefunds } from "./refund-lifecycle";
import { wechatKeys } from "./credentials";

const number = z.string().min(1).max(64);
const billDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日期须为 YYYY-MM-DD");
/** Exactly one of the trade's out_trade_no or the refund's out_refund_no. */
const target = { outTradeNo: number.optional(), outRefundNo: number.optional() };
const oneTarget = (t: { outTradeNo?: string; outRefundNo?: string }) => (t.outTradeNo === undefined) !== (t.outRefundNo === undefined);
const TARGET_MESSAGE = { message: "须给出 outTradeNo 或 outRefundNo 之一", path: ["outTradeNo"] };

export const wechatBillControlBody = z.discriminatedUnion("action", [
  z.object({ action: z.literal("omit_from_bill"), ...target }).strict().refine(oneTarget, TARGET_MESSAGE),
  z.object({ action: z.literal("change_bill_amount"), ...target, amountFen: z.number().int().min(0).max(10_000_000_000) }).strict().refine(oneTarget, TARGET_MESSAGE),
  z.object({ action: z.literal("clear_bill_plant"), ...target }).strict().refine(oneTarget, TARGET_MESSAGE),
  /** Basis points: 60 is 0.60%. */
  z.object({ action: z.literal("set_fee_rate"), rateBp: z.number().int().min(0).max(10_000) }).strict(),
  /** ready: served now; creating: STATEMENT_CREATING; auto: after 10:00 Beijing on the next day. */
  z.object({ action: z.literal("set_bill_day"), date: billDate, availability: z.enum(["ready", "creating", "auto"]) }).strict(),
]);
export type WechatBillControlBody = z.infer<typeof wechatBillControlBody>;

function plantTarget(t: { outTradeNo?: string; outRefundNo?: string }): [PlantKind, string] {
  return t.outTradeNo !== undefined ? ["trade", t.outTradeNo] : ["refund", t.outRefundNo!];
}

/** Applies one control; returns what now holds. */
export function applyWechatBillControl(body: WechatBillControlBody): Record<string, unknown> {
  switch (body.action) {
    case "omit_from_bill":
    case "change_bill_amount":
    case "clear_bill_plant": {
      const [kind, no] = plantTarget(body);
      const current = plantFor(kind, no) ?? { omit: false, amountFen: null };
      const next: Plant | null =
        body.action === "omit_from_bill" ? { ...current, omit: true } : body.action === "change_bill_amount" ? { ...current, amountFen: body.amountFen } : null;
      setPlant(kind, no, next);
      return { kind, number: no, plant: next };
    }
    case "set_fee_rate":
      setFeeRateBp(body.rateBp);
      return { rateBp: feeRateBp() };
    case "set_bill_day":
      setDayAvailability(body.date, body.availability === "auto" ? null : body.availability);
      return { date: body.date, availability: dayAvailability(body.date) ?? "auto" };
  }
}

/** The day's bill as it would be generated now, whatever its availability (for looking, not for the API). */
export function previewWechatBill(date: string, mchId = wechatKeys().mchId): { text: string; rows: number } {
  settleDueRefunds();
  const rateBp = feeRateBp();
  const rows = billRows(mchId, date, rateBp);
  return { text: billText(rows, rateBp), rows: rows.length };
}

const json = (status: number, body: unknown) => Response.json(body, { status });
const problem = (status: number, code: string, message: string) => json(status, { error: { code, message } });

// GET /sandbox/wechat/control/bills?date=YYYY-MM-DD
export function handleWechatBillControlGet(req: Request): Response {
  const parsed = billDate.safeParse(new URL(req.url).searchParams.get("date") ?? "");
  if (!parsed.success) return problem(400, "bad_request", "缺少查询参数 date（YYYY-MM-DD）");
  const preview = previewWechatBill(parsed.data);
  return json(200, { date: parsed.data, rateBp: feeRateBp(), availability: dayAvailability(parsed.data) ?? "auto", ...preview });
}

// POST /sandbox/wechat/control/bills
export async function handleWechatBillControlPost(req: Request): Promise<Response> {
  let raw: unknown;
  try {
    raw = await req.json();
  } catch {
    return problem(400, "bad_request", "请求体须为 JSON");
  }
  const parsed = wechatBillControlBody.safeParse(raw);
  if (!parsed.success) return problem(400, "bad_request", z.prettifyError(parsed.error));
  return json(200, applyWechatBillControl(parsed.data));
}
