// Trade bills as a merchant gets them: the signed tradebill answer, a signed GET of the download
// link answering the raw file (gzip when asked) whose SHA1 is hash_value, WeChat's format built
// from the emulator's own trades and refunds, the not-ready / no-trades / out-of-range answers and
// the planted differences.
import crypto from "node:crypto";
import zlib from "node:zlib";
import { describe, expect, test } from "vitest";
import { applyWechatBillControl } from "./bill-control";
import { downloadBillFile } from "./bill-api";
import { payWechatTrade, setWechatFault } from "./control";
import { handleWechatPlatformRequest } from "./platform";
import { settleWechatRefund, setWechatRefundFault } from "./refund-control";
import { callPlatform, merchant, merchantRequest, nativeBody, setUpTemporaryEmulator, verifyPlatformSignature } from "./test-support";

setUpTemporaryEmulator({ EMULATOR_TIME_SCALE: "0.001" });

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() + 8 * 3600_000 - n * 86400_000).toISOString().slice(0, 10);

async function paid(totalFen: number, description = "读书会报名费") {
  const body = nativeBody({ amount: { total: totalFen, currency: "CNY" }, description });
  await callPlatform("POST", "/v3/pay/transactions/native", body);
  setWechatFault(body.out_trade_no as string, { notify: "drop" });
  return payWechatTrade(body.out_trade_no as string).trade;
}

async function refunded(outTradeNo: string, refundFen: number, totalFen: number) {
  const outRefundNo = `RF${crypto.randomInt(1e9)}`;
  setWechatRefundFault(outTradeNo, { outcome: "PROCESSING", notify: "drop" });
  await callPlatform("POST", "/v3/refund/domestic/refunds", { out_trade_no: outTradeNo, out_refund_no: outRefundNo, amount: { refund: refundFen, total: totalFen, currency: "CNY" } });
  return settleWechatRefund(outRefundNo, "SUCCESS").refund;
}

async function download(url: string) {
  const target = url.replace("https://api.mch.weixin.qq.com", "");
  const response = await handleWechatPlatformRequest(merchantRequest("GET", target), target);
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** The day's bill lines as fields (backticks removed), and the summary row. */
function parse(text: string) {
  expect(text.startsWith("\uFEFF")).toBe(true);
  const lines = text.slice(1).split("\r\n");
  expect(lines.at(-1)).toBe("");
  const [header, ...rest] = lines.slice(0, -1);
  const summaryAt = rest.findIndex((l) => l.startsWith("总交易单数"));
  for (const row of rest.slice(0, summaryAt)) expect(row.startsWith("`")).toBe(true);
  const fields = (l: string) => l.slice(1).split(",`");
  return { header: header.split(","), rows: rest.slice(0, summaryAt).map(fields), summaryHeader: rest[summaryAt], summary: fields(rest[summaryAt + 1]) };
}

const col = (header: string[], name: string) => header.indexOf(name);

describe("a day with payments and a refund", () => {
  test("the signed answer, the raw file behind the signed link, its SHA1 and WeChat's format", async () => {
    const small = await paid(1);
    const big = await paid(9_999_999, "大额,订单");
    const refund = await refunded(big.outTradeNo, 10_000, 9_999_999);
    applyWechatBillControl({ action: "set_bill_day", date: today(), availability: "ready" });

    const answer = await callPlatform("GET", `/v3/bill/tradebill?bill_date=${today()}&bill_type=ALL`);
    expect(answer.status, answer.text).toBe(200);
    expect(verifyPlatformSignature(answer.headers, answer.text)).toBe(true);
    expect(answer.json.hash_type).toBe("SHA1");
    expect(answer.json.download_url).toMatch(/^https:\/\/api\.mch\.weixin\.qq\.com\/v3\/billdownload\/file\?token=[\w-]+$/);

    const file = await download(answer.json.download_url);
    expect(file.status).toBe(200);
    expect(file.headers.get("wechatpay-signature")).toBeNull();
    expect(crypto.createHash("sha1").update(file.bytes).digest("hex")).toBe(answer.json.hash_value);

    const bill = parse(file.bytes.toString("utf8"));
    expect(bill.header).toHaveLength(27);
    expect(bill.header[0]).toBe("交易时间");
    const h = (name: string) => col(bill.header, name);
    const rowOf = (no: string, state: string) => bill.rows.find((r) => r[h("商户订单号")] === no && r[h("交易状态")] === state)!;

    const one = rowOf(small.outTradeNo, "SUCCESS");
    expect(one).toHaveLength(27);
    expect([one[h("应结订单金额")], one[h("订单金额")], one[h("手续费")], one[h("费率")], one[h("微信订单号")]]).toEqual([
      "0.01", "0.01", "0.00000", "0.60%", small.transactionId,
    ]);
    expect(one[h("交易时间")]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    // 9999999 fen × 0.6% = 59999.994 fen, rounded half up to 60000 fen.
    const large = rowOf(big.outTradeNo, "SUCCESS");
    expect([large[h("订单金额")], large[h("手续费")], large[h("商品名称")]]).toEqual(["99999.99", "600.00000", "大额,订单"]);
    const back = rowOf(big.outTradeNo, "REFUND");
    expect([back[h("应结订单金额")], back[h("微信退款单号")], back[h("商户退款单号")], back[h("退款金额")], back[h("申请退款金额")], back[h("退款状态")], back[h("手续费")]]).toEqual([
      "0.00", refund.refundId, refund.outRefundNo, "100.00", "100.00", "SUCCESS", "-0.60000",
    ]);

    expect(bill.summaryHeader).toBe("总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额");
    expect(bill.summary[0]).toBe(String(bill.rows.length));
  });

  test("tar_type=GZIP: the link answers gzip, hash_value is of the file uncompressed", async () => {
    await paid(10);
    applyWechatBillControl({ action: "set_bill_day", date: today(), availability: "ready" });
    const answer = await callPlatform("GET", `/v3/bill/tradebill?bill_date=${today()}&bill_type=ALL&tar_type=GZIP`);
    const file = await download(answer.json.download_url);
    const plain = zlib.gunzipSync(file.bytes);
    expect(crypto.createHash("sha1").update(plain).digest("hex")).toBe(answer.json.hash_value);
    expect(plain.toString("utf8")).toContain("总交易单数");
  });

  test("planted differences: a trade left out, another's amount changed; the summary follows the rows", async () => {
    const left = await paid(100);
    const changed = await paid(200);
    applyWechatBillControl({ action: "omit_from_bill", outTradeNo: left.outTradeNo });
    applyWechatBillControl({ action: "change_bill_amount", outTradeNo: changed.outTradeNo, amountFen: 250 });
    applyWechatBillControl({ action: "set_fee_rate", rateBp: 100 });
    applyWechatBillControl({ action: "set_bill_day", date: today(), availability: "ready" });
    try {
      const answer = await callPlatform("GET", `/v3/bill/tradebill?bill_date=${today()}`);
      const bill = parse((await download(answer.json.download_url)).bytes.toString("utf8"));
      const h = (name: string) => col(bill.header, name);
      expect(bill.rows.some((r) => r[h("商户订单号")] === left.outTradeNo)).toBe(false);
      const row = bill.rows.find((r) => r[h("商户订单号")] === changed.outTradeNo)!;
      expect([row[h("订单金额")], row[h("手续费")], row[h("费率")]]).toEqual(["2.50", "0.03000", "1.00%"]);
      const sumFen = bill.rows.reduce((s, r) => s + Math.round(Number(r[h("应结订单金额")]) * 100), 0);
      expect(Math.round(Number(bill.summary[1]) * 100)).toBe(sumFen);
    } finally {
      applyWechatBillControl({ action: "set_fee_rate", rateBp: 60 });
    }
  });
});

describe("days the platform will not give", () => {
  test("today without the control: 400 STATEMENT_CREATING; the control can also hold a past day", async () => {
    applyWechatBillControl({ action: "set_bill_day", date: today(), availability: "auto" });
    const answer = await callPlatform("GET", `/v3/bill/tradebill?bill_date=${today()}&bill_type=ALL`);
    expect([answer.status, answer.json.code]).toEqual([400, "STATEMENT_CREATING"]);
    expect(verifyPlatformSignature(answer.headers, answer.text)).toBe(true);
    applyWechatBillControl({ action: "set_bill_day", date: daysAgo(5), availability: "creating" });
    expect((await callPlatform("GET", `/v3/bill/tradebill?bill_date=${daysAgo(5)}`)).json.code).toBe("STATEMENT_CREATING");
  });

  test("a past day without trades: 400 NO_STATEMENT_EXIST", async () => {
    const answer = await callPlatform("GET", `/v3/bill/tradebill?bill_date=${daysAgo(10)}&bill_type=ALL`);
    expect([answer.status, answer.json.code]).toEqual([400, "NO_STATEMENT_EXIST"]);
  });

  test.each([
    ["tomorrow", () => daysAgo(-1), "INVALID_REQUEST"],
    ["four months ago", () => daysAgo(125), "INVALID_REQUEST"],
    ["not a date", () => "2026-02-30", "PARAM_ERROR"],
  ])("%s is refused", async (_label, date, code) => {
    const answer = await callPlatform("GET", `/v3/bill/tradebill?bill_date=${date()}`);
    expect([answer.status, answer.json.code]).toEqual([400, code]);
  });

  test.each([
    ["bill_type=SUCCESS", "bill_type=SUCCESS"],
    ["tar_type=ZIP", "tar_type=ZIP"],
    ["an unknown parameter", "colour=red"],
  ])("%s is a PARAM_ERROR", async (_label, extra) => {
    const answer = await callPlatform("GET", `/v3/bill/tradebill?bill_date=${daysAgo(1)}&${extra}`);
    expect([answer.status, answer.json.code]).toEqual([400, "PARAM_ERROR"]);
  });
});

describe("the download link", () => {
  async function link() {
    await paid(5);
    applyWechatBillControl({ action: "set_bill_day", date: today(), availability: "ready" });
    return (await callPlatform("GET", `/v3/bill/tradebill?bill_date=${today()}`)).json.download_url as string;
  }

  test("must be signed like any v3 call", async () => {
    const target = (await link()).replace("https://api.mch.weixin.qq.com", "");
    const response = await handleWechatPlatformRequest(new Request(`http://x${target}`), target);
    expect(response.status).toBe(401);
  });

  test("expires, and a made-up token is refused", async () => {
    const token = new URL(await link()).searchParams.get("token")!;
    const call = (t: string, now?: number) => () => downloadBillFile({ query: new URLSearchParams({ token: t }), mchId: merchant().mchId }, now);
    expect(call(token)).not.toThrow();
    expect(call(token, Date.now() + 6 * 60_000)).toThrow(/过期/);
    expect(call("madeup")).toThrow(/无效/);
    expect(() => downloadBillFile({ query: new URLSearchParams({ token }), mchId: "1900000001" })).toThrow(/无效/);
  });
});
