// alipay.data.dataservice.bill.downloadurl.query and the link it answers: a plain, unsigned GET
// (an unguessable token, valid 30 seconds) serving the day's zip. Days before 2016 are out of
// range; today, a day still being generated (before 09:00 the next day) and a day without trades
// have no bill: isp.bill_not_exist. https://opendocs.alipay.com/open/028woc
import crypto from "node:crypto";
import { ensureTables } from "../store";
import { billZip } from "./bill-csv";
import { getBillSettings } from "./bill-settings";
import { beijingDayStart, billRowsOf } from "./bills";
import { parseBizContent } from "./biz-content";
import { alipayKeys } from "./credentials";
import { errorInner, responseKey, signedResponse, type Inner } from "./response";
import { beijingTime } from "./time";
import type { ApiHandler } from "./trade-api";

const DAY_MS = 86400_000;
export const BILL_LINK_TTL_MS = 30_000;
/** Alipay has the previous day's bill by about 09:00 Beijing time. */
const READY_AFTER_DAY_END_MS = 9 * 3600_000;
const EARLIEST_DATE = "2016-01-01";
export const BILL_DOWNLOAD_PATH = "downloadBillFile.resource";

function db() {
  return ensureTables(
    "ali_bill_links",
    `CREATE TABLE IF NOT EXISTS ali_bill_links (
       token TEXT PRIMARY KEY, app_id TEXT NOT NULL, bill_date TEXT NOT NULL, expires_at INTEGER NOT NULL);`,
  );
}

const invalidArguments = (subMsg: string) => errorInner("40004", "isv.invalid_arguments", subMsg);
const billNotExist = () => errorInner("40004", "isp.bill_not_exist", "账单不存在");

export const handleBillUrlQuery: ApiHandler = (params, certMode, context) => {
  const answer = (inner: Inner) => signedResponse(responseKey("alipay.data.dataservice.bill.downloadurl.query"), inner, { certMode });
  const biz = parseBizContent(params.biz_content);
  const billType = typeof biz?.bill_type === "string" ? biz.bill_type : "";
  const date = typeof biz?.bill_date === "string" ? biz.bill_date : "";
  if (billType !== "trade") return answer(invalidArguments("参数不合法：模拟器只提供 bill_type 为 trade 的业务账单"));
  const dayStart = beijingDayStart(date);
  if (dayStart === null) return answer(invalidArguments("参数不合法：bill_date 须为 yyyy-MM-dd（模拟器只提供日账单）"));
  if (date < EARLIEST_DATE) return answer(invalidArguments(`参数不合法：最早可下载 ${EARLIEST_DATE} 的日账单`));

  const now = Date.now();
  const today = beijingTime(now).slice(0, 10);
  if (date > today) return answer(invalidArguments("参数不合法：不能查询未来日期的账单"));
  const ready = getBillSettings().includeToday || now >= dayStart + DAY_MS + READY_AFTER_DAY_END_MS;
  const appId = alipayKeys().appId;
  if (!ready || billRowsOf(appId, date).length === 0) return answer(billNotExist());

  const token = crypto.randomBytes(24).toString("hex");
  db().prepare(`INSERT INTO ali_bill_links (token, app_id, bill_date, expires_at) VALUES (?, ?, ?, ?)`).run(token, appId, date, now + BILL_LINK_TTL_MS);
  return answer({ code: "10000", msg: "Success", bill_download_url: downloadUrl(context.requestUrl, token, date, now) });
};

/** Beside the gateway, the way Alipay's link looks (dwbillcenter…/downloadBillFile.resource?…). */
function downloadUrl(gatewayUrl: string, token: string, date: string, now: number): string {
  const url = new URL(gatewayUrl);
  url.pathname = url.pathname.replace(/[^/]*$/, BILL_DOWNLOAD_PATH);
  const account = `${alipayKeys().sellerId}0156`;
  const day = date.replaceAll("-", "");
  url.search = new URLSearchParams({
    bizType: "trade",
    userId: account,
    fileType: "csv.zip",
    bizDates: day,
    downloadFileName: `${account}_${day}.csv.zip`,
    fileId: `/trade/${account}/${day}.csv.zip`,
    timestamp: String(Math.floor(now / 1000)),
    token,
  }).toString();
  return url.toString();
}

// GET …/downloadBillFile.resource?…&token=…
export function handleAlipayBillDownload(req: Request, now = Date.now()): Response {
  const token = new URL(req.url).searchParams.get("token") ?? "";
  const link = /^[0-9a-f]{48}$/.test(token)
    ? (db().prepare(`SELECT app_id, bill_date, expires_at FROM ali_bill_links WHERE token = ?`).get(token) as
        | { app_id: string; bill_date: string; expires_at: number }
        | undefined)
    : undefined;
  if (!link || link.expires_at <= now) {
    return new Response("账单下载链接无效或已过期（有效期 30 秒），请重新查询下载地址", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const dayStart = beijingDayStart(link.bill_date)!;
  const rows = billRowsOf(link.app_id, link.bill_date);
  const zip = billZip(rows, { sellerId: alipayKeys().sellerId, date: link.bill_date, exportedAt: now }, dayStart);
  return new Response(Buffer.from(zip.bytes), {
    status: 200,
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${zip.fileName}"`,
      "Content-Length": String(zip.bytes.byteLength),
    },
  });
}
