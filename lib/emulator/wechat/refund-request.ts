// Validation of POST /v3/refund/domestic/refunds, with WeChat's PARAM_ERROR naming the field.
// https://pay.weixin.qq.com/doc/v3/merchant/4012556457
import { paramError } from "./response";

export interface RefundRequest {
  /** One of the two names the trade; transaction_id wins when both are sent. */
  transaction_id?: string;
  out_trade_no?: string;
  out_refund_no: string;
  reason?: string;
  notify_url?: string;
  funds_account?: "AVAILABLE";
  amount: { refund: number; total: number; currency: "CNY" };
}

export const OUT_REFUND_NO = /^[0-9A-Za-z_\-|*@]{1,64}$/;
const KNOWN = new Set(["sub_mchid", "transaction_id", "out_trade_no", "out_refund_no", "reason", "notify_url", "funds_account", "amount", "goods_detail"]);
const AMOUNT_KNOWN = new Set(["refund", "total", "currency", "from"]);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const chars = (s: string) => [...s].length;

function optionalString(body: Record<string, unknown>, field: string, maxChars: number): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw paramError(`参数 /body/${field} 须为字符串`, `/${field}`, value);
  if (chars(value) > maxChars) throw paramError(`参数 /body/${field} 长度不能超过 ${maxChars} 个字符`, `/${field}`, value);
  return value;
}

function fen(amount: Record<string, unknown>, field: "refund" | "total"): number {
  const value = amount[field];
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
    throw paramError(`参数 /body/amount/${field} 须为不小于 1 的整数（单位：分）`, `/amount/${field}`, value);
  }
  return value;
}

/** Parses the body; throws WechatApiError (400 PARAM_ERROR). */
export function parseRefundRequest(payload: unknown): RefundRequest {
  if (!isObject(payload)) throw paramError("请求体须为 JSON 对象");
  for (const field of Object.keys(payload)) {
    if (!KNOWN.has(field)) throw paramError(`请求参数中包含未定义的参数 ${field}`, `/${field}`);
  }
  if (payload.sub_mchid !== undefined) throw paramError("普通商户不能传 sub_mchid", "/sub_mchid");
  const transactionId = optionalString(payload, "transaction_id", 32);
  const outTradeNo = optionalString(payload, "out_trade_no", 32);
  if (!transactionId && !outTradeNo) throw paramError("transaction_id 和 out_trade_no 必须二选一", "/out_trade_no");

  const outRefundNo = optionalString(payload, "out_refund_no", 64);
  if (outRefundNo === undefined) throw paramError("缺少参数 out_refund_no", "/out_refund_no");
  if (!OUT_REFUND_NO.test(outRefundNo)) {
    throw paramError("参数 /body/out_refund_no 须为 1–64 位数字、大小写字母或 _-|*@", "/out_refund_no", outRefundNo);
  }
  const reason = optionalString(payload, "reason", 80);
  const notifyUrl = optionalString(payload, "notify_url", 256);
  if (notifyUrl !== undefined) checkNotifyUrl(notifyUrl);
  const fundsAccount = payload.funds_account;
  if (fundsAccount !== undefined && fundsAccount !== "AVAILABLE") {
    throw paramError("参数 /body/funds_account 只能为 AVAILABLE", "/funds_account", fundsAccount);
  }
  if (payload.goods_detail !== undefined && !Array.isArray(payload.goods_detail)) {
    throw paramError("参数 /body/goods_detail 须为数组", "/goods_detail");
  }

  const amount = payload.amount;
  if (!isObject(amount)) throw paramError("缺少参数 amount 或其不是对象", "/amount", amount);
  for (const field of Object.keys(amount)) {
    if (!AMOUNT_KNOWN.has(field)) throw paramError(`请求参数中包含未定义的参数 amount.${field}`, `/amount/${field}`);
  }
  const refund = fen(amount, "refund");
  const total = fen(amount, "total");
  if (amount.currency !== "CNY") throw paramError("参数 /body/amount/currency 须为 CNY", "/amount/currency", amount.currency);
  if (amount.from !== undefined && (!Array.isArray(amount.from) || amount.from.length > 0)) {
    throw paramError("模拟器不支持按出资账户退款（amount.from）", "/amount/from");
  }
  if (refund > total) throw paramError("参数 /body/amount/refund 不能大于 amount.total", "/amount/refund", refund);

  const request: RefundRequest = { out_refund_no: outRefundNo, amount: { refund, total, currency: "CNY" } };
  if (transactionId) request.transaction_id = transactionId;
  if (outTradeNo) request.out_trade_no = outTradeNo;
  if (reason !== undefined && reason !== "") request.reason = reason;
  if (notifyUrl !== undefined) request.notify_url = notifyUrl;
  if (fundsAccount !== undefined) request.funds_account = "AVAILABLE";
  return request;
}

function checkNotifyUrl(raw: string): void {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw paramError("参数 /body/notify_url 须为绝对 URL", "/notify_url", raw);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw paramError("参数 /body/notify_url 须以 https:// 开头", "/notify_url", raw);
  if (raw.includes("?") || raw.includes("#")) throw paramError("参数 /body/notify_url 不能携带查询参数", "/notify_url", raw);
}
