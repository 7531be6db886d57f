// GET /v3/bill/tradebill (signed JSON: the file's SHA1 and a short-lived download_url) and
// GET /v3/billdownload/file?token=… (signed request like any v3 call; the answer is the raw file,
// gzip when asked, not signed JSON). https://pay.weixin.qq.com/doc/v3/merchant/4012556654
import crypto from "node:crypto";
import zlib from "node:zlib";
import { billText } from "./bill-file";
import { beijingDayRange, billRows } from "./bill-rows";
import { dayAvailability, feeRateBp, findBillFile, storeBillFile } from "./bill-store";
import { settleDueRefunds } from "./refund-lifecycle";
import { WechatApiError } from "./response";

/** The host real download links carry: SDKs sign the path after it, as for any v3 call. */
export const DOWNLOAD_BASE = "https://api.mch.weixin.qq.com/v3/billdownload/file";
const BILL_READY_AFTER_MS = 34 * 3600 * 1000; // 10:00 Beijing on the next day
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const KNOWN_QUERY = new Set(["bill_date", "bill_type", "tar_type", "sub_mchid"]);

interface BillCall {
  query: URLSearchParams;
  mchId: string;
}

const queryError = (message: string, field: string, value?: unknown) =>
  new WechatApiError(400, "PARAM_ERROR", message, { location: "query", field, value });

function realDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = m.slice(1).map(Number);
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Today's date in Beijing, "YYYY-MM-DD". */
export function beijingToday(now = Date.now()): string {
  return new Date(now + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

/** The oldest day the API still serves: three calendar months before today. */
function oldestServed(now: number): string {
  const [y, m, d] = beijingToday(now).split("-").map(Number);
  return new Date(Date.UTC(y, m - 1 - 3, d)).toISOString().slice(0, 10);
}

// GET /v3/bill/tradebill?bill_date=YYYY-MM-DD[&bill_type=ALL][&tar_type=GZIP]
export function tradeBill(call: BillCall, now = Date.now()): { status: number; body: unknown } {
  for (const name of call.query.keys()) {
    if (!KNOWN_QUERY.has(name)) throw queryError(`请求参数中包含未定义的参数 ${name}`, name);
  }
  if (call.query.has("sub_mchid")) throw queryError("普通商户不能传 sub_mchid", "sub_mchid");
  const billDate = call.query.get("bill_date") ?? "";
  if (!realDate(billDate)) throw queryError("参数 bill_date 须为 yyyy-MM-DD 格式的日期", "bill_date", billDate);
  const billType = call.query.get("bill_type") ?? "ALL";
  if (billType !== "ALL") {
    if (billType === "SUCCESS" || billType === "REFUND") throw queryError(`模拟器只提供 ALL 账单，不提供 ${billType}`, "bill_type", billType);
    throw queryError("参数 bill_type 须为 ALL、SUCCESS 或 REFUND", "bill_type", billType);
  }
  const tarType = call.query.get("tar_type");
  if (tarType !== null && tarType !== "GZIP") throw queryError("参数 tar_type 只能为 GZIP", "tar_type", tarType);

  // Dates compare as strings in this format.
  if (billDate > beijingToday(now)) throw new WechatApiError(400, "INVALID_REQUEST", "账单日期不能晚于今天");
  if (billDate < oldestServed(now)) throw new WechatApiError(400, "INVALID_REQUEST", "仅支持下载三个月以内的账单");
  const availability = dayAvailability(billDate);
  const generated = availability === "ready" || (availability === null && now >= beijingDayRange(billDate).startMs + BILL_READY_AFTER_MS);
  if (!generated) throw new WechatApiError(400, "STATEMENT_CREATING", "账单生成中，请在次日 10 点以后再下载");

  settleDueRefunds(now);
  const rateBp = feeRateBp();
  const rows = billRows(call.mchId, billDate, rateBp);
  if (rows.length === 0) throw new WechatApiError(400, "NO_STATEMENT_EXIST", "该日期没有交易，账单不存在");

  const text = Buffer.from(billText(rows, rateBp), "utf8");
  const gzip = tarType === "GZIP";
  const file = storeBillFile({ mchId: call.mchId, billDate, gzip, content: gzip ? zlib.gzipSync(text) : text }, now);
  return {
    status: 200,
    body: {
      // The hash is of the file itself, before any compression.
      hash_type: "SHA1",
      hash_value: crypto.createHash("sha1").update(text).digest("hex"),
      download_url: `${DOWNLOAD_BASE}?token=${file.token}`,
    },
  };
}

// GET /v3/billdownload/file?token=…
export function downloadBillFile(call: BillCall, now = Date.now()): Response {
  const token = call.query.get("token");
  if (!token) throw queryError("缺少参数 token", "token");
  const file = findBillFile(token);
  // Another merchant's link is as unknown as a made-up one.
  if (!file || file.mchId !== call.mchId) throw new WechatApiError(400, "INVALID_REQUEST", "下载链接无效，请重新申请账单");
  if (file.expiresAt <= now) throw new WechatApiError(400, "INVALID_REQUEST", "下载链接已过期，请重新申请账单");
  return new Response(new Uint8Array(file.content), {
    status: 200,
    headers: {
      "Content-Type": "application/octet-stream",
      "Content-Disposition": `attachment; filename="${file.billDate}${file.gzip ? ".csv.gz" : ".csv"}"`,
    },
  });
}
