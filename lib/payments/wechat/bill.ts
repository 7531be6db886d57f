// The day's trade bill: GET /v3/bill/tradebill (signed, answer verified) for the SHA1 and a
// short-lived download_url, then a signed GET of that link whose answer is the file itself (gzip,
// as we ask), checked against the SHA1 of the uncompressed bill, then parsed. The platform's
// refusals of the day (not generated yet, no trades, out of range) are statuses, not errors.
// https://pay.weixin.qq.com/doc/v3/merchant/4012556654
import crypto from "node:crypto";
import zlib from "node:zlib";
import { z } from "zod";
import { PaymentPlatformError, type BillResult } from "../types";
import { OFFICIAL_BASE_URL, type WechatApi } from "./api";
import { parseWechatBill } from "./bill-parse";
import { errorAnswerToPlatformError, unavailable } from "./platform-error";
import { describeIssues } from "./schemas";

const tradeBillAnswer = z.object({
  hash_type: z.literal("SHA1"),
  hash_value: z.string().regex(/^[0-9a-fA-F]{40}$/),
  download_url: z.string().min(1),
});

/** The platform's own answers about the day (v3 bill error table). */
const DAY_STATUSES: Record<string, BillResult["status"]> = {
  STATEMENT_CREATING: "not_ready",
  NO_STATEMENT_EXIST: "no_trades",
  // With a well-formed date these mean out of range: too old, or not a past day.
  INVALID_REQUEST: "unavailable",
  PARAM_ERROR: "unavailable",
};

function isRealDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === date;
}

/** Only links on the API host: anything else would get our signature sent to a stranger. */
function checkDownloadUrl(url: string): void {
  if (!url.startsWith(`${OFFICIAL_BASE_URL}/v3/billdownload/`)) {
    throw unavailable("UNEXPECTED_DOWNLOAD_URL", `账单下载地址不在微信支付的接口域名下：${url.slice(0, 80)}`);
  }
}

export async function downloadWechatBill(api: WechatApi, date: string, options: { gzip: boolean } = { gzip: true }): Promise<BillResult> {
  if (!isRealDate(date)) throw new PaymentPlatformError("rejected", "INVALID_DATE", `账单日期须为 YYYY-MM-DD：${date.slice(0, 20)}`);
  let data: unknown;
  try {
    data = await api.tradeBill({ bill_date: date, bill_type: "ALL", ...(options.gzip ? { tar_type: "GZIP" as const } : {}) });
  } catch (error) {
    const status = error instanceof PaymentPlatformError && error.kind === "rejected" ? DAY_STATUSES[error.platformCode] : undefined;
    if (status && status !== "ready") return { status, date, message: error instanceof Error ? error.message : String(error) };
    throw error;
  }
  const parsed = tradeBillAnswer.safeParse(data);
  if (!parsed.success) throw unavailable("MALFORMED_RESPONSE", `申请账单的应答格式不正确：${describeIssues(parsed.error)}`);
  checkDownloadUrl(parsed.data.download_url);

  const answer = await api.downloadFile(parsed.data.download_url);
  if (answer.status !== 200) throw errorAnswerToPlatformError(answer.status, Buffer.from(answer.body).toString("utf8"));
  let file: Buffer;
  try {
    file = options.gzip ? zlib.gunzipSync(answer.body) : Buffer.from(answer.body);
  } catch {
    throw unavailable("MALFORMED_BILL", "账单文件不是有效的 gzip");
  }
  const sha1 = crypto.createHash("sha1").update(file).digest("hex");
  if (sha1 !== parsed.data.hash_value.toLowerCase()) throw unavailable("BILL_HASH_MISMATCH", "账单文件的 SHA1 与 hash_value 不符");

  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(file);
  } catch {
    throw unavailable("MALFORMED_BILL", "账单文件不是 UTF-8 文本");
  }
  return { status: "ready", date, ...parseWechatBill(text) };
}
