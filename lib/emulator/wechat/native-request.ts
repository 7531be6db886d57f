// Validation of POST /v3/pay/transactions/native, with WeChat's error codes: PARAM_ERROR naming the
// field (JSON pointer), APPID_MCHID_NOT_MATCH for an appid the merchant is not bound to.
// https://pay.weixin.qq.com/doc/v3/merchant/4012525171
import { paramError, WechatApiError } from "./response";
import { parseRfc3339 } from "./time";

export interface NativeRequest {
  appid: string;
  mchid: string;
  description: string;
  out_trade_no: string;
  time_expire?: string;
  attach?: string;
  notify_url: string;
  amount: { total: number; currency: "CNY" };
  goods_tag?: string;
  support_fapiao?: boolean;
  detail?: Record<string, unknown>;
  scene_info?: Record<string, unknown>;
  settle_info?: Record<string, unknown>;
}

export const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*]{6,32}$/;
const KNOWN = new Set([
  "appid", "mchid", "description", "out_trade_no", "time_expire", "attach", "notify_url",
  "goods_tag", "support_fapiao", "amount", "detail", "scene_info", "settle_info",
]);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const chars = (s: string) => [...s].length;

function requireString(body: Record<string, unknown>, field: string, maxChars: number, minChars = 1): string {
  const value = body[field];
  if (value === undefined || value === null) throw paramError(`缺少参数 ${field}`, `/${field}`);
  if (typeof value !== "string") throw paramError(`参数 /body/${field} 须为字符串`, `/${field}`, value);
  if (chars(value) < minChars || chars(value) > maxChars) {
    throw paramError(`参数 /body/${field} 长度须在 ${minChars}–${maxChars} 个字符之间`, `/${field}`, value);
  }
  return value;
}

function optionalString(body: Record<string, unknown>, field: string, maxChars: number): string | undefined {
  return body[field] === undefined ? undefined : requireString(body, field, maxChars, 0);
}

function optionalObject(body: Record<string, unknown>, field: string): Record<string, unknown> | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (!isObject(value)) throw paramError(`参数 /body/${field} 须为对象`, `/${field}`, value);
  return value;
}

/** Parses and checks the body against the merchant's own appid/mchid. Throws WechatApiError. */
export function parseNativeRequest(payload: unknown, merchant: { appId: string; mchId: string }): NativeRequest {
  if (!isObject(payload)) throw paramError("请求体须为 JSON 对象");
  for (const field of Object.keys(payload)) {
    if (!KNOWN.has(field)) throw paramError(`请求参数中包含未定义的参数 ${field}`, `/${field}`);
  }
  const appid = requireString(payload, "appid", 32);
  const mchid = requireString(payload, "mchid", 32);
  const description = requireString(payload, "description", 127);
  const outTradeNo = requireString(payload, "out_trade_no", 32);
  if (!OUT_TRADE_NO.test(outTradeNo)) {
    throw paramError("参数 /body/out_trade_no 须为 6–32 位数字、大小写字母或 _-|*", "/out_trade_no", outTradeNo);
  }
  const timeExpire = optionalString(payload, "time_expire", 64);
  if (timeExpire !== undefined && parseRfc3339(timeExpire) === null) {
    throw paramError("参数 /body/time_expire 须为 RFC 3339 格式，如 2026-11-22T16:30:00+08:00", "/time_expire", timeExpire);
  }
  const attach = optionalString(payload, "attach", 128);
  const notifyUrl = requireString(payload, "notify_url", 256);
  checkNotifyUrl(notifyUrl);
  const goodsTag = optionalString(payload, "goods_tag", 32);
  const fapiao = payload.support_fapiao;
  if (fapiao !== undefined && typeof fapiao !== "boolean") throw paramError("参数 /body/support_fapiao 须为布尔值", "/support_fapiao", fapiao);

  const amount = payload.amount;
  if (!isObject(amount)) throw paramError("缺少参数 amount 或其不是对象", "/amount", amount);
  for (const field of Object.keys(amount)) {
    if (field !== "total" && field !== "currency") throw paramError(`请求参数中包含未定义的参数 amount.${field}`, `/amount/${field}`);
  }
  const total = amount.total;
  if (typeof total !== "number" || !Number.isSafeInteger(total) || total < 1) {
    throw paramError("参数 /body/amount/total 须为不小于 1 的整数（单位：分）", "/amount/total", total);
  }
  if (amount.currency !== undefined && amount.currency !== "CNY") {
    throw paramError("参数 /body/amount/currency 只支持 CNY", "/amount/currency", amount.currency);
  }

  if (mchid !== merchant.mchId) throw new WechatApiError(400, "MCH_NOT_EXISTS", "商户号不存在");
  if (appid !== merchant.appId) throw new WechatApiError(400, "APPID_MCHID_NOT_MATCH", "appid和mch_id不匹配，请检查appid是否已绑定该商户号");

  const request: NativeRequest = { appid, mchid, description, out_trade_no: outTradeNo, notify_url: notifyUrl, amount: { total, currency: "CNY" } };
  if (timeExpire !== undefined) request.time_expire = timeExpire;
  if (attach !== undefined) request.attach = attach;
  if (goodsTag !== undefined) request.goods_tag = goodsTag;
  if (fapiao !== undefined) request.support_fapiao = fapiao;
  for (const field of ["detail", "scene_info", "settle_info"] as const) {
    const value = optionalObject(payload, field);
    if (value !== undefined) request[field] = value;
  }
  return request;
}

// WeChat wants a public https URL; the emulator also takes http so it can call a local server.
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

/** The same parameters always give the same text: object keys sorted at every level. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}
