// downloadBill against the real emulator: a day with two payments and a refund comes back with
// the right lines and totals (gzip, as the provider asks, and plain); the platform's refusals of a
// day are statuses; a file whose SHA1 differs is "unavailable".
import { beforeAll, describe, expect, test } from "vitest";
import { setUpTemporaryEmulator } from "@/lib/emulator/test-support";
import { applyWechatBillControl, payWechatTrade, settleWechatRefund, setWechatFault, setWechatRefundFault } from "@/lib/emulator/wechat";
import { PaymentPlatformError, type BillResult, type PaymentProvider } from "../types";
import { createWechatApi } from "./api";
import { downloadWechatBill } from "./bill";
import { emulatorAccount, emulatorFetch } from "./__fixtures__/emulator-account";
import { createWechatProvider } from "./index";

setUpTemporaryEmulator({ EMULATOR_TIME_SCALE: "0.001" });

const beijingDay = (daysAgo = 0) => new Date(Date.now() + 8 * 3600_000 - daysAgo * 86400_000).toISOString().slice(0, 10);
const today = beijingDay();

let wechat: PaymentProvider;
const orders = { a: "", b: "" };
let refundNo = "";

beforeAll(async () => {
  wechat = createWechatProvider(emulatorAccount(), { fetchImpl: emulatorFetch() });
  orders.a = `A${Date.now()}01`;
  orders.b = `B${Date.now()}02`;
  for (const [no, amountFen] of [[orders.a, 10], [orders.b, 9_999_999]] as const) {
    await wechat.createPayment({ orderNo: no, amountFen, description: "报名费", expiresAt: new Date(Date.now() + 30 * 60_000), channel: "native" });
    setWechatFault(no, { notify: "drop" });
    payWechatTrade(no);
  }
  refundNo = `R${Date.now()}03`;
  setWechatRefundFault(orders.b, { outcome: "PROCESSING", notify: "drop" });
  await wechat.refund({ refundNo, orderNo: orders.b, refundFen: 10_000, totalFen: 9_999_999, reason: "部分退款" });
  settleWechatRefund(refundNo, "SUCCESS");
});

function expectReady(result: BillResult): Extract<BillResult, { status: "ready" }> {
  expect(result.status, JSON.stringify(result)).toBe("ready");
  return result as Extract<BillResult, { status: "ready" }>;
}

describe("a day with two payments and a refund", () => {
  test("gzip (what the provider asks for): the lines and totals in fen", async () => {
    applyWechatBillControl({ action: "set_bill_day", date: today, availability: "ready" });
    const bill = expectReady(await wechat.downloadBill(today));
    expect(bill.date).toBe(today);
    expect(bill.malformed).toEqual([]);
    expect(bill.lines.map(({ occurredAt: _at, platformTradeNo: _tn, platformRefundId: _ri, ...rest }) => rest)).toEqual([
      { kind: "payment", orderNo: orders.a, amountFen: 10, feeFen: 0 },
      { kind: "payment", orderNo: orders.b, amountFen: 9_999_999, feeFen: 60_000 },
      { kind: "refund", orderNo: orders.b, refundNo, amountFen: 10_000, feeFen: -60 },
    ]);
    for (const line of bill.lines) expect(line.platformTradeNo).toMatch(/^4200\d{24}$/);
    expect(bill.lines[2].platformRefundId).toMatch(/^50\d{27}$/);
    expect(bill.totals).toEqual({ count: 3, paymentFen: 10_000_009, refundFen: 10_000, feeFen: 59_940, netFen: 10_000_009 - 10_000 - 59_940 });
  });

  test("plain gives the same bill", async () => {
    applyWechatBillControl({ action: "set_bill_day", date: today, availability: "ready" });
    const api = createWechatApi(emulatorAccount(), { now: Date.now, fetchImpl: emulatorFetch() });
    const plain = expectReady(await downloadWechatBill(api, today, { gzip: false }));
    expect(plain).toEqual(expectReady(await wechat.downloadBill(today)));
  });

  test("a planted amount shows up as that amount", async () => {
    applyWechatBillControl({ action: "set_bill_day", date: today, availability: "ready" });
    applyWechatBillControl({ action: "change_bill_amount", outTradeNo: orders.a, amountFen: 11 });
    try {
      const bill = expectReady(await wechat.downloadBill(today));
      expect(bill.lines.find((l) => l.orderNo === orders.a)?.amountFen).toBe(11);
    } finally {
      applyWechatBillControl({ action: "clear_bill_plant", outTradeNo: orders.a });
    }
  });
});

describe("days the platform will not give are statuses", () => {
  test("today, not generated yet: not_ready", async () => {
    applyWechatBillControl({ action: "set_bill_day", date: today, availability: "auto" });
    await expect(wechat.downloadBill(today)).resolves.toMatchObject({ status: "not_ready", date: today, message: expect.stringContaining("STATEMENT_CREATING") });
  });

  test("a past day without trades: no_trades", async () => {
    await expect(wechat.downloadBill(beijingDay(10))).resolves.toMatchObject({ status: "no_trades" });
  });

  test("four months ago and tomorrow: unavailable", async () => {
    await expect(wechat.downloadBill(beijingDay(125))).resolves.toMatchObject({ status: "unavailable" });
    await expect(wechat.downloadBill(beijingDay(-1))).resolves.toMatchObject({ status: "unavailable" });
  });

  test("a date that is not one is refused before any call", async () => {
    const error = await wechat.downloadBill("2026-02-30").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaymentPlatformError);
    expect((error as PaymentPlatformError).platformCode).toBe("INVALID_DATE");
  });
});

describe("files that cannot be trusted", () => {
  const tampered = (change: (url: string, response: Response) => Promise<Response> | Response) =>
    createWechatProvider(emulatorAccount(), { fetchImpl: emulatorFetch(change) });

  async function unavailableCode(provider: PaymentProvider): Promise<string> {
    applyWechatBillControl({ action: "set_bill_day", date: today, availability: "ready" });
    const error = await provider.downloadBill(today).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaymentPlatformError);
    expect((error as PaymentPlatformError).kind).toBe("unavailable");
    return (error as PaymentPlatformError).platformCode;
  }

  test("a file whose SHA1 is not hash_value", async () => {
    const { gzipSync, gunzipSync } = await import("node:zlib");
    const provider = tampered(async (url, response) => {
      if (!url.includes("/billdownload/")) return response;
      const text = gunzipSync(Buffer.from(await response.arrayBuffer())).toString("utf8").replace("`0.10,", "`0.11,");
      return new Response(new Uint8Array(gzipSync(text)), { status: 200 });
    });
    expect(await unavailableCode(provider)).toBe("BILL_HASH_MISMATCH");
  });
});
