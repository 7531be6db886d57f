// alipay.data.dataservice.bill.downloadurl.query and its download link: the not-ready and
// out-of-range answers, then a real day's zip of GBK CSVs in Alipay's layout.
import { unzipSync } from "fflate";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { apiRequest, pageUrl, signedParams, splitSigned, startNotifyReceiver, setUpTemporaryEmulator, verifyWithAlipayKey, type NotifyReceiver } from "./test-support";

setUpTemporaryEmulator({ EMULATOR_TIME_SCALE: "0.0001" });

const { handleAlipayGateway } = await import("./gateway");
const { openCashier, payAlipayTrade } = await import("./payer");
const { handleAlipayBillDownload } = await import("./bill-api");
const { setBillSettings, setBillPlant } = await import("./bill-settings");
const { feeOf } = await import("./bills");
const { beijingTime } = await import("./time");
const { yuanToFen, fenToYuan } = await import("../money");
const fen = (cell: string) => yuanToFen(cell.trim())!;

let receiver: NotifyReceiver;
beforeAll(async () => {
  receiver = await startNotifyReceiver(["success"]);
});
afterAll(() => receiver.close());

const today = () => beijingTime().slice(0, 10);
const daysAgo = (n: number) => beijingTime(Date.now() - n * 86400_000).slice(0, 10);

async function call(method: string, biz: Record<string, unknown>) {
  const response = await handleAlipayGateway(apiRequest(signedParams(method, biz)));
  const text = await response.text();
  const key = `${method.replaceAll(".", "_")}_response`;
  return { text, key, inner: JSON.parse(text)[key] as Record<string, string> };
}
const billUrl = (date: string, billType = "trade") => call("alipay.data.dataservice.bill.downloadurl.query", { bill_type: billType, bill_date: date });

let seq = 0;
async function paidTrade(amount: string, subject = "报名费"): Promise<string> {
  const outTradeNo = `B${Date.now()}${++seq}`;
  const biz = { out_trade_no: outTradeNo, total_amount: amount, subject, product_code: "FAST_INSTANT_TRADE_PAY", timeout_express: "15m" };
  await openCashier(pageUrl(signedParams("alipay.trade.page.pay", biz, { notify_url: receiver.url })));
  payAlipayTrade(outTradeNo);
  return outTradeNo;
}

function unzip(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes);
  return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, iconv.decode(Buffer.from(data), "gbk")]));
}

describe("no bill", () => {
  test("today, and a day without trades: 40004 isp.bill_not_exist, signed", async () => {
    const answer = await billUrl(today());
    expect(answer.inner).toEqual({ code: "40004", msg: "Business Failed", sub_code: "isp.bill_not_exist", sub_msg: "账单不存在" });
    const { inner, sign } = splitSigned(answer.text, answer.key);
    expect(verifyWithAlipayKey(inner, sign)).toBe(true);
    expect((await billUrl(daysAgo(20))).inner.sub_code).toBe("isp.bill_not_exist");
  });

  test("today's trades are not in a bill until tomorrow", async () => {
    await paidTrade("1.00");
    expect((await billUrl(today())).inner.sub_code).toBe("isp.bill_not_exist");
  });

  test("too old, in the future, malformed, monthly or another bill type: invalid arguments", async () => {
    for (const date of ["2015-12-31", daysAgo(-1), "2026-02-30", "2026/01/01", "2026-01"]) {
      expect((await billUrl(date)).inner).toMatchObject({ code: "40004", sub_code: "isv.invalid_arguments" });
    }
    expect((await billUrl(daysAgo(2), "signcustomer")).inner.sub_code).toBe("isv.invalid_arguments");
  });
});

describe("a day's bill", () => {
  test("payments and a refund in Alipay's layout: GBK, # lines, trailing tabs, negative refund rows, footer totals", async () => {
    setBillSettings({ includeToday: true, feeRateBasisPoints: 60 });
    const big = await paidTrade("99999.99", "读书会报名费");
    const small = await paidTrade("0.10");
    const cent = await paidTrade("0.01");
    const refunded = await call("alipay.trade.refund", { out_trade_no: small, refund_amount: "0.05", out_request_no: "BR1" });
    expect(refunded.inner.code).toBe("10000");

    const answer = await billUrl(today());
    expect(answer.inner.code).toBe("10000");
    const url = new URL(answer.inner.bill_download_url);
    expect(url.pathname).toBe("/sandbox/alipay/downloadBillFile.resource");
    expect(url.searchParams.get("bizType")).toBe("trade");
    expect(url.searchParams.get("token")).toMatch(/^[0-9a-f]{48}$/);
    // Alipay escapes "/" in its JSON; the URL read back is the plain one.
    expect(answer.text).toContain("http:\\/\\/127.0.0.1:3999\\/sandbox\\/alipay\\/downloadBillFile.resource?");

    const download = handleAlipayBillDownload(new Request(url));
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/zip");
    const raw = new Uint8Array(await download.arrayBuffer());
    const files = unzip(raw);
    const day = today().replaceAll("-", "");
    const names = Object.keys(files).sort();
    expect(names).toEqual([`20880000000000010156_${day}_业务明细(汇总).csv`, `20880000000000010156_${day}_业务明细.csv`]);
    // GBK, not UTF-8: the bytes of 业务 are D2B5 CEF1.
    const rawDetail = unzipSync(raw)[`20880000000000010156_${day}_业务明细.csv`];
    expect(Buffer.from(rawDetail).includes(Buffer.from([0xd2, 0xb5, 0xce, 0xf1]))).toBe(true);

    const lines = files[`20880000000000010156_${day}_业务明细.csv`].split("\r\n");
    const d = today();
    expect(lines.slice(0, 4)).toEqual([
      "#支付宝业务明细查询",
      "#账号：[20880000000000010156]",
      `#起始日期：[${d.slice(0, 4)}年${d.slice(5, 7)}月${d.slice(8, 10)}日 00:00:00]   终止日期：[${daysAgo(-1).slice(0, 4)}年${daysAgo(-1).slice(5, 7)}月${daysAgo(-1).slice(8, 10)}日 00:00:00]`,
      "#-----------------------------------------业务明细列表----------------------------------------",
    ]);
    const header = lines[4].split(",");
    expect(header).toHaveLength(25);
    expect(header.slice(0, 3)).toEqual(["支付宝交易号", "商户订单号", "业务类型"]);
    const col = (name: string) => header.indexOf(name);
    const rows = lines.slice(5, lines.indexOf("#-----------------------------------------业务明细列表结束------------------------------------")).map((l) => l.split(","));
    const ours = rows.filter((r) => [big, small, cent].includes(r[1].trim()));
    expect(ours).toHaveLength(4);
    for (const r of ours) {
      expect(r).toHaveLength(25);
      expect(r[0]).toMatch(/^\d{28}\t$/);
      expect(r[1].endsWith("\t")).toBe(true);
    }
    const rowOf = (outTradeNo: string, kind: string) => ours.find((r) => r[1].trim() === outTradeNo && r[2].trim() === kind)!;
    const bigRow = rowOf(big, "交易");
    expect(bigRow[col("订单金额（元）")]).toBe("99999.99\t");
    expect(bigRow[col("商品名称")]).toBe("读书会报名费\t");
    expect(bigRow[col("服务费（元）")]).toBe("-600.00\t");
    expect(rowOf(small, "交易")[col("订单金额（元）")]).toBe("0.10\t");
    expect(rowOf(cent, "交易")[col("订单金额（元）")]).toBe("0.01\t");
    expect(rowOf(cent, "交易")[col("服务费（元）")]).toBe("0.00\t");
    const refundRow = rowOf(small, "退款");
    expect(refundRow[col("订单金额（元）")]).toBe("-0.05\t");
    expect(refundRow[col("商家实收（元）")]).toBe("-0.05\t");
    expect(refundRow[col("退款批次号/请求号")]).toBe("BR1\t");
    expect(refundRow[col("完成时间")].trim()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

    // The footer counts and sums every row of the day (earlier tests paid a 1.00 trade today).
    const payments = rows.filter((r) => r[2].trim() === "交易");
    const paidFen = payments.reduce((sum, r) => sum + fen(r[col("商家实收（元）")]), 0);
    const end = lines.indexOf("#-----------------------------------------业务明细列表结束------------------------------------");
    expect(lines[end + 1]).toBe(`#交易合计：${payments.length}笔，商家实收共${fenToYuan(paidFen)}元，商家优惠共0.00元`);
    expect(lines[end + 2]).toBe("#退款合计：1笔，商家实收退款共-0.05元，商家优惠退款共0.00元");
    expect(lines[end + 3]).toMatch(/^#导出时间：\[\d{4}年\d{2}月\d{2}日 \d{2}:\d{2}:\d{2}\]$/);

    const summary = files[`20880000000000010156_${day}_业务明细(汇总).csv`].split("\r\n");
    expect(summary[0]).toBe("#支付宝业务汇总查询");
    const total = summary.find((l) => l.startsWith("合计"))!.split(",").map((v) => v.trim());
    expect(total.slice(2, 4)).toEqual([String(payments.length), "1"]);
    const feeFen = payments.reduce((sum, r) => sum + feeOf(fen(r[col("订单金额（元）")]), 60), 0);
    expect(total[9]).toBe(`-${fenToYuan(feeFen)}`);
    expect(total[11]).toBe(fenToYuan(paidFen - 5 - feeFen));
  });

  test("the link is short-lived and unguessable", async () => {
    const answer = await billUrl(today());
    const url = new URL(answer.inner.bill_download_url);
    expect(handleAlipayBillDownload(new Request(url), Date.now() + 31_000).status).toBe(404);
    url.searchParams.set("token", "0".repeat(48));
    expect(handleAlipayBillDownload(new Request(url)).status).toBe(404);
    url.searchParams.set("token", "../x");
    expect(handleAlipayBillDownload(new Request(url)).status).toBe(404);
  });

  test("planted differences: a trade left out, another amount shown", async () => {
    setBillSettings({ includeToday: true });
    const left = await paidTrade("2.00");
    const changed = await paidTrade("3.00");
    setBillPlant(left, { omit: true });
    setBillPlant(changed, { amountFen: 301 });
    const url = (await billUrl(today())).inner.bill_download_url;
    const files = unzip(new Uint8Array(await handleAlipayBillDownload(new Request(url)).arrayBuffer()));
    const detail = Object.entries(files).find(([name]) => !name.includes("汇总"))![1];
    expect(detail).not.toContain(left);
    const row = detail.split("\r\n").find((l) => l.includes(changed))!.split(",");
    expect(row[11]).toBe("3.01\t");
  });

  test("fees round half up to the fen", () => {
    expect(feeOf(9_999_999, 60)).toBe(60_000);
    expect(feeOf(50, 60)).toBe(0);
    expect(feeOf(84, 60)).toBe(1); // 0.504 fen
    expect(feeOf(83, 60)).toBe(0); // 0.498 fen
  });
});
