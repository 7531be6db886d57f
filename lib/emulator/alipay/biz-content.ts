// biz_content of the page and WAP pay methods, checked the way the cashier checks them.
// https://opendocs.alipay.com/open/028r8t (page) · https://opendocs.alipay.com/open/29ae8cb6_alipay.trade.wap.pay
import { MAX_FEN, MIN_FEN, yuanToFen } from "../money";
import { parseBeijingTime } from "./time";
import type { PageMethod } from "./trades";

export type Checked<T> = { ok: true; value: T } | { ok: false; subCode: string; subMsg: string };

export function parseBizContent(raw: string | undefined): Record<string, unknown> | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export interface PagePayOrder {
  outTradeNo: string;
  totalFen: number;
  subject: string;
  productCode: string;
  body: string | null;
  passbackParams: string | null;
  quitUrl: string | null;
  expiresAt: number;
}

const PRODUCT_CODES: Record<PageMethod, string[]> = {
  "alipay.trade.page.pay": ["FAST_INSTANT_TRADE_PAY"],
  // QUICK_WAP_PAY is the older spelling, still accepted.
  "alipay.trade.wap.pay": ["QUICK_WAP_WAY", "QUICK_WAP_PAY"],
};

// Alipay closes an unpaid trade after 15 days at the latest, the top of timeout_express's range.
const DEFAULT_TIMEOUT_MS = 15 * 86400_000;
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3600_000, d: 86400_000 };

const invalid = (subMsg: string): Checked<never> => ({ ok: false, subCode: "ACQ.INVALID_PARAMETER", subMsg });

export function checkPagePay(method: PageMethod, biz: Record<string, unknown> | null, now: number): Checked<PagePayOrder> {
  if (!biz) return invalid("参数无效：biz_content 不是合法的 JSON 对象");
  const text = (name: string): string | null => {
    const v = biz[name];
    return typeof v === "string" && v !== "" ? v : null;
  };

  const outTradeNo = text("out_trade_no");
  if (!outTradeNo || !/^[A-Za-z0-9_]{1,64}$/.test(outTradeNo)) {
    return invalid("参数无效：out_trade_no 必填，最长 64 位，仅支持字母、数字、下划线");
  }

  // A JSON number would already be a float; its shortest decimal form is still exact for 2 places.
  const rawAmount = typeof biz.total_amount === "number" ? String(biz.total_amount) : text("total_amount");
  const totalFen = rawAmount === null ? null : yuanToFen(rawAmount);
  if (totalFen === null || totalFen < MIN_FEN || totalFen > MAX_FEN) {
    return invalid("参数无效：total_amount 须为 0.01 至 100000000.00 之间、最多两位小数的金额");
  }

  const subject = text("subject");
  if (!subject || [...subject].length > 256) return invalid("参数无效：subject 必填，最长 256 个字符");

  const productCode = text("product_code");
  if (!productCode || !PRODUCT_CODES[method].includes(productCode)) {
    return { ok: false, subCode: "ACQ.INVALID_PRODUCT_CODE", subMsg: `产品码无效：${method} 须使用 ${PRODUCT_CODES[method][0]}` };
  }

  const expiresAt = expiry(text("time_expire"), text("timeout_express"), now);
  if (!expiresAt.ok) return expiresAt;

  return {
    ok: true,
    value: {
      outTradeNo,
      totalFen,
      subject,
      productCode,
      body: text("body"),
      passbackParams: text("passback_params"),
      quitUrl: method === "alipay.trade.wap.pay" ? text("quit_url") : null,
      expiresAt: expiresAt.value,
    },
  };
}

/** time_expire (absolute, Beijing) wins over timeout_express (relative to trade creation). */
function expiry(timeExpire: string | null, timeoutExpress: string | null, now: number): Checked<number> {
  if (timeExpire) {
    const at = parseBeijingTime(timeExpire);
    if (at === null) return invalid("参数无效：time_expire 格式须为 yyyy-MM-dd HH:mm:ss");
    if (at <= now) return invalid("参数无效：time_expire 已过，交易无法创建");
    return { ok: true, value: at };
  }
  if (timeoutExpress) {
    if (timeoutExpress === "1c") {
      // "today": closes at the next Beijing midnight whenever the trade was created.
      const beijingMidnight = Math.floor((now + 8 * 3600_000) / 86400_000 + 1) * 86400_000 - 8 * 3600_000;
      return { ok: true, value: beijingMidnight };
    }
    const m = /^([1-9]\d*)([mhd])$/.exec(timeoutExpress);
    const ms = m ? Number(m[1]) * UNIT_MS[m[2]] : NaN;
    if (!(ms >= 60_000 && ms <= DEFAULT_TIMEOUT_MS)) return invalid("参数无效：timeout_express 取值范围 1m～15d");
    return { ok: true, value: now + ms };
  }
  return { ok: true, value: now + DEFAULT_TIMEOUT_MS };
}
