// Downloading a day's trade bill: the link from alipay.data.dataservice.bill.downloadurl.query is
// a plain GET (unsigned, valid ~30 s, often http://dwbillcenter.alipay.com/…), answered with the zip.
// The answers that mean "no bill" become statuses, not errors.
import type { BillResult } from "../types";
import { parseBeijingTime } from "./time";

export const BILL_DOWNLOAD_TIMEOUT_MS = 20_000;
export const MAX_BILL_ZIP_BYTES = 32 * 1024 * 1024;
/** Alipay has the previous day's bill by about 09:00; until 10:00 "no bill" may mean "not yet". */
const BILL_EXPECTED_BY_MS = 34 * 3600_000;

/** sub_codes seen for a bill_date out of range or malformed (the docs and the gateway disagree). */
export const INVALID_BILL_ARGUMENT_CODES = new Set(["isv.invalid_arguments", "invalid_arguments", "INVAILID_ARGUMENTS", "isv.invalid-arguments", "isv.invalid-parameter"]);

/** A real calendar date, "yyyy-MM-dd". */
export function isBillDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && parseBeijingTime(`${date} 00:00:00`) !== null;
}

/**
 * isp.bill_not_exist (账单不存在) is Alipay's answer both for a bill still being produced and for
 * a day without trades: before 10:00 Beijing time the next day it is "not ready", after it "no trades".
 */
export function billNotExistResult(date: string, nowMs: number): BillResult {
  const dayStart = parseBeijingTime(`${date} 00:00:00`)!.getTime();
  return nowMs < dayStart + BILL_EXPECTED_BY_MS
    ? { status: "not_ready", date, message: `支付宝尚未生成 ${date} 的账单（通常次日 9 点后可下载），请稍后重试` }
    : { status: "no_trades", date, message: `支付宝没有 ${date} 的账单：当天没有交易` };
}

export class BillDownloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BillDownloadError";
  }
}

/** GET the zip with a timeout, reading at most MAX_BILL_ZIP_BYTES. */
export async function fetchBillZip(rawUrl: string, fetchImpl: typeof fetch = fetch): Promise<Uint8Array> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new BillDownloadError("账单下载地址不是合法的 URL");
  }
  if ((url.protocol !== "https:" && url.protocol !== "http:") || url.username || url.password) {
    throw new BillDownloadError(`账单下载地址须为 http(s) 地址：${url.origin}`);
  }
  let response: Response;
  try {
    response = await fetchImpl(url, { method: "GET", signal: AbortSignal.timeout(BILL_DOWNLOAD_TIMEOUT_MS) });
  } catch (error) {
    throw new BillDownloadError(`下载账单失败：${error instanceof Error ? error.message.slice(0, 120) : "无应答"}`);
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    throw new BillDownloadError(`下载账单失败：HTTP ${response.status}（下载地址 30 秒内有效）`);
  }
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > MAX_BILL_ZIP_BYTES) {
    await response.body?.cancel();
    throw new BillDownloadError(`账单文件过大：${declared} 字节`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    const reader = response.body?.getReader();
    for (;;) {
      if (!reader) break;
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BILL_ZIP_BYTES) {
        await reader.cancel();
        throw new BillDownloadError(`账单文件过大：超过 ${MAX_BILL_ZIP_BYTES} 字节`);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof BillDownloadError) throw error;
    throw new BillDownloadError(`下载账单中断：${error instanceof Error ? error.message.slice(0, 120) : String(error).slice(0, 120)}`);
  }
  const zip = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    zip.set(chunk, at);
    at += chunk.byteLength;
  }
  return zip;
}
