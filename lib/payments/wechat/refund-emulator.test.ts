// The refund verbs and refund notifies against the real emulator: partial refunds up to the amount
// paid, idempotent refund numbers, a 5xx that is "unavailable" and a retry that gives one refund,
// genuine and forged REFUND.SUCCESS notifies.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { setUpTemporaryEmulator } from "@/lib/emulator/test-support";
import { startNotifyReceiver, waitUntil, type NotifyReceiver } from "@/lib/emulator/wechat/test-support";
import { payWechatTrade, setWechatRefundFault, wechatRefundsOfTrade } from "@/lib/emulator/wechat";
import { NotifyRejectedError, PaymentPlatformError, type PaymentProvider, type RefundFact } from "../types";
import { emulatorAccount, emulatorFetch } from "./__fixtures__/emulator-account";
import { createWechatProvider } from "./index";

setUpTemporaryEmulator({ EMULATOR_TIME_SCALE: "0.001" });

let receiver: NotifyReceiver;
let wechat: PaymentProvider;
beforeAll(async () => {
  receiver = await startNotifyReceiver([204]);
  wechat = createWechatProvider(emulatorAccount(receiver.url), { fetchImpl: emulatorFetch() });
});
afterAll(() => receiver.close());

let seq = 0;
const orderNo = () => `T${Date.now()}${String(++seq).padStart(3, "0")}`;
const refundNo = () => `R${Date.now()}${String(++seq).padStart(3, "0")}`;

async function paidOrder(amountFen = 50): Promise<string> {
  const no = orderNo();
  await wechat.createPayment({ orderNo: no, amountFen, description: "读书会报名费", expiresAt: new Date(Date.now() + 30 * 60_000), channel: "native" });
  payWechatTrade(no);
  return no;
}

async function platformError(promise: Promise<unknown>): Promise<PaymentPlatformError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PaymentPlatformError);
  return error as PaymentPlatformError;
}

const succeeded = (input: { refundNo: string; orderNo: string }) =>
  waitUntil("the refund to succeed", async () => {
    const fact = await wechat.queryRefund(input);
    return fact.kind === "refund" && fact.status === "succeeded" ? fact : null;
  });

describe("refund and queryRefund", () => {
  test("30 then 20 of a 50 fen payment succeed; one fen more is rejected", async () => {
    const order = await paidOrder(50);
    const first = { refundNo: refundNo(), orderNo: order, refundFen: 30, totalFen: 50, reason: "活动取消" };
    const created = await wechat.refund(first);
    expect(created).toMatchObject({ kind: "refund", refundNo: first.refundNo, orderNo: order, status: "processing", refundFen: 30, source: "query" });
    expect((created as Extract<RefundFact, { kind: "refund" }>).platformRefundId).toMatch(/^50\d{27}$/);

    const done = await succeeded(first);
    expect(done.succeededAt).toBeInstanceOf(Date);
    expect(done.platformRefundId).toBe((created as Extract<RefundFact, { kind: "refund" }>).platformRefundId);

    const second = { ...first, refundNo: refundNo(), refundFen: 20 };
    await expect(wechat.refund(second)).resolves.toMatchObject({ status: "processing", refundFen: 20 });
    await succeeded(second);

    const over = await platformError(wechat.refund({ ...first, refundNo: refundNo(), refundFen: 1 }));
    expect([over.kind, over.platformCode]).toEqual(["rejected", "INVALID_REQUEST"]);
    expect(over.message).toContain("可退金额");
  });

  test("the same number repeated is the same refund; with another amount it is rejected", async () => {
    const order = await paidOrder(50);
    const request = { refundNo: refundNo(), orderNo: order, refundFen: 10, totalFen: 50, reason: "重复支付" };
    const a = (await wechat.refund(request)) as Extract<RefundFact, { kind: "refund" }>;
    const b = (await wechat.refund(request)) as Extract<RefundFact, { kind: "refund" }>;
    expect(b.platformRefundId).toBe(a.platformRefundId);
    const changed = await platformError(wechat.refund({ ...request, refundFen: 11 }));
    expect([changed.kind, changed.platformCode]).toEqual(["rejected", "INVALID_REQUEST"]);
    expect(wechatRefundsOfTrade(order)).toHaveLength(1);
  });

  test("a 500 on create is unavailable; the retry with the same number gives one refund", async () => {
    const order = await paidOrder(50);
    setWechatRefundFault(order, { createErrors: 1, createErrorRecorded: true });
    const request = { refundNo: refundNo(), orderNo: order, refundFen: 50, totalFen: 50, reason: "" };
    const error = await platformError(wechat.refund(request));
    expect([error.kind, error.platformCode]).toEqual(["unavailable", "SYSTEM_ERROR"]);
    await expect(wechat.refund(request)).resolves.toMatchObject({ kind: "refund", refundNo: request.refundNo, refundFen: 50 });
    expect(wechatRefundsOfTrade(order)).toHaveLength(1);
  });

  test("an unpaid order is rejected; an unknown refund number is refund_not_found", async () => {
    const unpaid = orderNo();
    await wechat.createPayment({ orderNo: unpaid, amountFen: 50, description: "x", expiresAt: new Date(Date.now() + 60 * 60_000), channel: "native" });
    const error = await platformError(wechat.refund({ refundNo: refundNo(), orderNo: unpaid, refundFen: 10, totalFen: 50, reason: "" }));
    expect([error.kind, error.platformCode]).toEqual(["rejected", "RESOURCE_NOT_EXISTS"]);
    const no = refundNo();
    await expect(wechat.queryRefund({ refundNo: no, orderNo: unpaid })).resolves.toEqual({ kind: "refund_not_found", refundNo: no, orderNo: unpaid, source: "query" });
  });

  test("ABNORMAL and a refund that stays PROCESSING are reported as such", async () => {
    const order = await paidOrder(50);
    setWechatRefundFault(order, { outcome: "ABNORMAL" });
    const abnormal = { refundNo: refundNo(), orderNo: order, refundFen: 10, totalFen: 50, reason: "" };
    await wechat.refund(abnormal);
    await waitUntil("abnormal", async () => ((await wechat.queryRefund(abnormal)) as { status?: string }).status === "abnormal");
    setWechatRefundFault(order, { outcome: "PROCESSING" });
    const stuck = { ...abnormal, refundNo: refundNo() };
    await wechat.refund(stuck);
    await new Promise((r) => setTimeout(r, 30));
    await expect(wechat.queryRefund(stuck)).resolves.toMatchObject({ status: "processing" });
  });

  test.each([
    ["a refund number with a slash", { refundNo: "R/1" }, "INVALID_OUT_REFUND_NO"],
    ["zero fen", { refundFen: 0 }, "INVALID_AMOUNT"],
    ["more than the total", { refundFen: 60 }, "INVALID_AMOUNT"],
  ])("refuses %s without calling the platform", async (_label, change, code) => {
    const error = await platformError(wechat.refund({ refundNo: refundNo(), orderNo: "T000000000001", refundFen: 10, totalFen: 50, reason: "", ...change }));
    expect([error.kind, error.platformCode]).toEqual(["rejected", code]);
  });
});

describe("refund notifies from the emulator", () => {
  /** The received REFUND.SUCCESS for this refund, parsed by the adapter; null until it arrives. */
  async function refundNotifyFor(no: string) {
    for (const notify of receiver.received) {
      if (JSON.parse(notify.body).event_type !== "REFUND.SUCCESS") continue;
      const parsed = await wechat.parseNotify({ headers: notify.headers, rawBody: notify.body });
      if (parsed.kind === "refund" && parsed.refund.refundNo === no) return { notify, parsed };
    }
    return null;
  }

  test("a genuine REFUND.SUCCESS parses to refund news; the same bytes altered are refused", async () => {
    const order = await paidOrder(50);
    const request = { refundNo: refundNo(), orderNo: order, refundFen: 30, totalFen: 50, reason: "活动取消" };
    await wechat.refund(request);
    const found = await waitUntil("its notify", () => refundNotifyFor(request.refundNo));
    expect(found.parsed).toMatchObject({
      kind: "refund",
      refund: { kind: "refund", refundNo: request.refundNo, orderNo: order, status: "succeeded", refundFen: 30, merchantId: emulatorAccount().mchId, source: "notify" },
    });
    expect(found.parsed.notifyId).toMatch(/^[0-9a-f-]{36}$/);

    const forged = found.notify.body.replace('"REFUND.SUCCESS"', '"REFUND.CLOSED"');
    const error = await wechat.parseNotify({ headers: found.notify.headers, rawBody: forged }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotifyRejectedError);
    expect((error as NotifyRejectedError).status).toBe(401);
  });
});
