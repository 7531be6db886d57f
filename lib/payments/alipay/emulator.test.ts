// The adapter's refund and bill verbs against the real emulator over HTTP (alipay-sdk on the
// wire, signed answers verified), no mocks.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { merchantKeys, startGatewayServer, startNotifyReceiver, setUpTemporaryEmulator, type LocalServer, type NotifyReceiver } from "@/lib/emulator/alipay/test-support";
import { NotifyRejectedError, PaymentPlatformError, type AlipayAccount, type BillResult, type RefundFact } from "../types";
import { fetchBillZip } from "./bill";
import { createAlipayProvider, type AlipayProvider } from "./index";
import { formatBeijingTime } from "./time";

setUpTemporaryEmulator({ EMULATOR_TIME_SCALE: "0.0001" });
const emu = await import("@/lib/emulator/alipay");
const { listNotifies } = await import("@/lib/emulator/dispatcher");

let gateway: LocalServer;
let receiver: NotifyReceiver;
let provider: AlipayProvider;
beforeAll(async () => {
  gateway = await startGatewayServer();
  receiver = await startNotifyReceiver(["success"]);
  const k = merchantKeys();
  const account: AlipayAccount = {
    provider: "alipay",
    ref: "env",
    appId: k.appId,
    sellerId: k.sellerId,
    privateKeyPem: k.appPrivateKeyPem,
    alipayPublicKeyPem: k.alipayPublicKeyPem,
    gatewayUrl: gateway.url,
    notifyUrl: receiver.url,
    returnUrl: "http://127.0.0.1:9/api/payment/alipay/return",
  };
  provider = createAlipayProvider(account);
});
afterAll(async () => {
  await gateway.close();
  await receiver.close();
});

let seq = 0;
const newOrderNo = () => `E${Date.now()}${++seq}`;

async function paidOrder(amountFen = 50): Promise<string> {
  const orderNo = newOrderNo();
  const start = await provider.createPayment({ orderNo, amountFen, description: "报名费", expiresAt: new Date(Date.now() + 15 * 60_000), channel: "page" });
  if (start.kind !== "redirect") throw new Error("expected a redirect");
  await emu.openCashier(start.payUrl);
  emu.payAlipayTrade(orderNo);
  return orderNo;
}

const ask = (orderNo: string, refundNo: string, refundFen: number, totalFen = 50) => ({ orderNo, refundNo, refundFen, totalFen, reason: "活动取消" });

async function platformError(promise: Promise<unknown>): Promise<PaymentPlatformError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PaymentPlatformError);
  return error as PaymentPlatformError;
}

const refundNotifyBodies = (orderNo: string) =>
  listNotifies(orderNo)
    .filter((n) => n.platform === "alipay" && new URLSearchParams(n.body).has("refund_fee"))
    .map((n) => n.body);

describe("refund", () => {
  test("30 then 20 of a 50 fen payment: each succeeded with its own amount; the trade then reads closed", async () => {
    const orderNo = await paidOrder(50);
    const tradeNo = emu.getAlipayTrade(orderNo)!.tradeNo;
    const first = await provider.refund(ask(orderNo, `${orderNo}R1`, 30));
    expect(first).toMatchObject({ kind: "refund", refundNo: `${orderNo}R1`, orderNo, status: "succeeded", refundFen: 30, platformRefundId: tradeNo, merchantId: "2088000000000001" });
    expect(first.kind === "refund" && first.succeededAt).toBeInstanceOf(Date);
    const second = await provider.refund(ask(orderNo, `${orderNo}R2`, 20));
    expect(second).toMatchObject({ status: "succeeded", refundFen: 20 });

    expect(await provider.queryRefund({ refundNo: `${orderNo}R1`, orderNo })).toMatchObject({ kind: "refund", status: "succeeded", refundFen: 30 });
    expect(await provider.queryRefund({ refundNo: `${orderNo}R2`, orderNo })).toMatchObject({ kind: "refund", status: "succeeded", refundFen: 20 });
    // Fully refunded, Alipay says TRADE_CLOSED: the order service must not read it as unpaid.
    expect((await provider.queryPayment(orderNo)).kind).toBe("closed");
  });

  test("over-refund is rejected with Alipay's sub_code, and nothing moves", async () => {
    const orderNo = await paidOrder(50);
    const error = await platformError(provider.refund(ask(orderNo, `${orderNo}R1`, 51)));
    expect(error).toMatchObject({ kind: "rejected", platformCode: "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL" });
    expect(error.message).toContain("支付宝拒绝了请求");
    expect(emu.alipayRefundsOfTrade(emu.getAlipayTrade(orderNo)!.tradeNo)).toEqual([]);
  });

  test("the same refund number again is the same refund (confirmed by the refund query), never a second one", async () => {
    const orderNo = await paidOrder(50);
    await provider.refund(ask(orderNo, `${orderNo}R1`, 30));
    expect(await provider.refund(ask(orderNo, `${orderNo}R1`, 30))).toMatchObject({ status: "succeeded", refundFen: 30, source: "query" });
    const discordant = await platformError(provider.refund(ask(orderNo, `${orderNo}R1`, 20)));
    expect(discordant).toMatchObject({ kind: "rejected", platformCode: "ACQ.DISCORDANT_REPEAT_REQUEST" });
    expect(emu.alipayRefundsOfTrade(emu.getAlipayTrade(orderNo)!.tradeNo)).toHaveLength(1);
  });

  test("a repeat the refund query cannot confirm yet stays processing", async () => {
    const orderNo = await paidOrder(50);
    await provider.refund(ask(orderNo, `${orderNo}R1`, 30));
    emu.setAlipayRefundFault(orderNo, { queryUnconfirmed: 1 });
    expect(await provider.refund(ask(orderNo, `${orderNo}R1`, 30))).toMatchObject({ status: "processing", refundFen: 30 });
  });

  test("a 502 after the refund was made → unavailable; the retry with the same number gives one refund", async () => {
    const orderNo = await paidOrder(50);
    emu.setAlipayRefundFault(orderNo, { createError: "http_502", createErrorTimes: 1 });
    expect(await platformError(provider.refund(ask(orderNo, `${orderNo}R1`, 50)))).toMatchObject({ kind: "unavailable", platformCode: "GATEWAY_ERROR" });
    expect(await provider.refund(ask(orderNo, `${orderNo}R1`, 50))).toMatchObject({ status: "succeeded", refundFen: 50 });
    expect(emu.alipayRefundsOfTrade(emu.getAlipayTrade(orderNo)!.tradeNo)).toHaveLength(1);
  });

  test("SYSTEM_ERROR and 20000 are unavailable; the retry refunds once", async () => {
    const orderNo = await paidOrder(50);
    emu.setAlipayRefundFault(orderNo, { createError: "ACQ.SYSTEM_ERROR", createErrorTimes: 1 });
    expect(await platformError(provider.refund(ask(orderNo, `${orderNo}R1`, 10)))).toMatchObject({ kind: "unavailable", platformCode: "ACQ.SYSTEM_ERROR" });
    emu.setAlipayRefundFault(orderNo, { createError: "20000", createErrorTimes: 1 });
    expect(await platformError(provider.refund(ask(orderNo, `${orderNo}R1`, 10)))).toMatchObject({ kind: "unavailable", platformCode: "isp.unknow-error" });
    expect(await provider.refund(ask(orderNo, `${orderNo}R1`, 10))).toMatchObject({ status: "succeeded" });
    expect(emu.alipayRefundsOfTrade(emu.getAlipayTrade(orderNo)!.tradeNo)).toHaveLength(1);
  });

  test("unpaid and unknown trades; bad input refused before any call", async () => {
    const unpaid = newOrderNo();
    const start = await provider.createPayment({ orderNo: unpaid, amountFen: 50, description: "x", expiresAt: new Date(Date.now() + 60_000), channel: "page" });
    await emu.openCashier(start.kind === "redirect" ? start.payUrl : "");
    expect(await platformError(provider.refund(ask(unpaid, "R1", 10)))).toMatchObject({ kind: "rejected", platformCode: "ACQ.TRADE_STATUS_ERROR" });
    expect(await platformError(provider.refund(ask(newOrderNo(), "R1", 10)))).toMatchObject({ kind: "rejected", platformCode: "ACQ.TRADE_NOT_EXIST" });
    expect(await platformError(provider.refund(ask(unpaid, "R 1", 10)))).toMatchObject({ platformCode: "INVALID_OUT_REQUEST_NO" });
    expect(await platformError(provider.refund(ask(unpaid, "R1", 0)))).toMatchObject({ platformCode: "INVALID_AMOUNT" });
    expect(await platformError(provider.refund(ask(unpaid, "R1", 1.5)))).toMatchObject({ platformCode: "INVALID_AMOUNT" });
  });

  test("queryRefund: a number never used, and a trade Alipay never had → refund_not_found", async () => {
    const orderNo = await paidOrder(50);
    expect(await provider.queryRefund({ refundNo: "NEVER", orderNo })).toEqual({ kind: "refund_not_found", refundNo: "NEVER", orderNo, source: "query" });
    const ghost = newOrderNo();
    expect(await provider.queryRefund({ refundNo: "NEVER", orderNo: ghost })).toMatchObject({ kind: "refund_not_found", orderNo: ghost });
  });
});

describe("refund notifies through parseNotify", () => {
  test("partial (TRADE_SUCCESS + refund_fee) and full (TRADE_CLOSED) → refund news with each refund's own amount", async () => {
    const orderNo = await paidOrder(50);
    await provider.refund(ask(orderNo, `${orderNo}R1`, 30));
    await provider.refund(ask(orderNo, `${orderNo}R2`, 20));
    const [partial, full] = refundNotifyBodies(orderNo);
    expect(new URLSearchParams(full).get("trade_status")).toBe("TRADE_CLOSED");
    const news = await Promise.all([partial, full].map((rawBody) => provider.parseNotify({ headers: new Headers(), rawBody })));
    const refunds = news.map((n) => (n.kind === "refund" ? n.refund : null)) as RefundFact[];
    expect(news.map((n) => n.kind)).toEqual(["refund", "refund"]);
    expect(refunds[0]).toMatchObject({ kind: "refund", refundNo: `${orderNo}R1`, orderNo, status: "succeeded", refundFen: 30, source: "notify" });
    expect(refunds[1]).toMatchObject({ refundNo: `${orderNo}R2`, status: "succeeded", refundFen: 20, source: "notify" });
    expect(news[0].notifyId).toBe(new URLSearchParams(partial).get("notify_id"));
  });

  test("a genuine refund notify the refund query cannot confirm yet is refused for a retry", async () => {
    const orderNo = await paidOrder(50);
    await provider.refund(ask(orderNo, `${orderNo}R1`, 30));
    emu.setAlipayRefundFault(orderNo, { queryUnconfirmed: 1 });
    const error = await provider.parseNotify({ headers: new Headers(), rawBody: refundNotifyBodies(orderNo)[0] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotifyRejectedError);
    expect(error).toMatchObject({ code: "REFUND_UNCONFIRMED", status: 503 });
  });

  test("a forged refund notify is refused without a query", async () => {
    const orderNo = await paidOrder(50);
    const forged = emu.buildAlipayTestNotify({ outTradeNo: orderNo, corruption: "forged_sign" });
    const body = `${forged.body}&refund_fee=0.50&out_biz_no=X`;
    const error = await provider.parseNotify({ headers: new Headers(), rawBody: body }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "SIGN_ERROR" });
  });
});

describe("downloadBill", () => {
  const today = () => formatBeijingTime(Date.now()).slice(0, 10);
  const daysAgo = (n: number) => formatBeijingTime(Date.now() - n * 86400_000).slice(0, 10);
  const ready = (result: BillResult) => {
    if (result.status !== "ready") throw new Error(`expected a ready bill, got ${result.status}: ${"message" in result ? result.message : ""}`);
    return result;
  };

  test("today's bill is not ready; an old day without trades has none; before 2016 is out of range", async () => {
    emu.setAlipayBillSettings({ includeToday: false });
    expect(await provider.downloadBill(today())).toMatchObject({ status: "not_ready", date: today() });
    expect(await provider.downloadBill(daysAgo(20))).toMatchObject({ status: "no_trades" });
    const old = await provider.downloadBill("2015-12-31");
    expect(old).toMatchObject({ status: "unavailable", date: "2015-12-31" });
    expect(await platformError(provider.downloadBill("2026-02-30"))).toMatchObject({ kind: "rejected", platformCode: "INVALID_BILL_DATE" });
  });

  test("a day with payments and a refund: the right lines and totals, fees at 0.6%", async () => {
    emu.setAlipayBillSettings({ includeToday: true, feeRateBasisPoints: 60 });
    const big = await paidOrder(9_999_999);
    const dime = await paidOrder(10);
    await provider.refund(ask(dime, `${dime}R1`, 4, 10));
    const bill = ready(await provider.downloadBill(today()));
    expect(bill.malformed).toEqual([]);
    const tradeNo = (orderNo: string) => emu.getAlipayTrade(orderNo)!.tradeNo;
    expect(bill.lines.find((l) => l.orderNo === big)).toMatchObject({ kind: "payment", platformTradeNo: tradeNo(big), amountFen: 9_999_999, feeFen: 60_000 });
    expect(bill.lines.find((l) => l.orderNo === dime && l.kind === "payment")).toMatchObject({ amountFen: 10, feeFen: 0 });
    expect(bill.lines.find((l) => l.orderNo === dime && l.kind === "refund")).toMatchObject({ refundNo: `${dime}R1`, amountFen: 4, platformTradeNo: tradeNo(dime) });
    // Totals are the lines' sums (the footer was checked against them too).
    const sum = (kind: "payment" | "refund") => bill.lines.filter((l) => l.kind === kind).reduce((fen, l) => fen + l.amountFen, 0);
    const fees = bill.lines.reduce((fen, l) => fen + l.feeFen, 0);
    expect(bill.totals).toEqual({ count: bill.lines.length, paymentFen: sum("payment"), refundFen: sum("refund"), feeFen: fees, netFen: sum("payment") - sum("refund") - fees });
  });

  test("planted differences show in the parsed lines", async () => {
    emu.setAlipayBillSettings({ includeToday: true });
    const left = await paidOrder(200);
    const changed = await paidOrder(300);
    emu.setAlipayBillPlant(left, { omit: true });
    emu.setAlipayBillPlant(changed, { amountFen: 301 });
    const bill = ready(await provider.downloadBill(today()));
    expect(bill.lines.some((l) => l.orderNo === left)).toBe(false);
    expect(bill.lines.find((l) => l.orderNo === changed)?.amountFen).toBe(301);
  });

  test("an expired or forged download link fails as a download error", async () => {
    const base = gateway.url.replace(/gateway\.do$/, "downloadBillFile.resource");
    await expect(fetchBillZip(`${base}?token=${"0".repeat(48)}`)).rejects.toThrow(/HTTP 404/);
    await expect(fetchBillZip("ftp://example.com/x.zip")).rejects.toThrow(/http\(s\)/);
  });
});
