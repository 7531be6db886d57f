// Refund notifies through parseNotify: verified and decrypted exactly like payment notifies, then
// REFUND.* resources become refund news; forged ones are refused.
import { describe, expect, test } from "vitest";
import { NotifyRejectedError } from "../types";
import { fixtureKeys, FIXTURE_SERIALS, TEST_API_V3_KEY, testAccount } from "./__fixtures__/keys";
import { signedNotify } from "./__fixtures__/platform";
import { createWechatProvider } from "./index";

const keys = fixtureKeys();
const NOW_MS = Date.UTC(2026, 10, 22, 8, 0, 0);
const NOW_S = Math.floor(NOW_MS / 1000);
const signer = { privateKeyPem: keys.publicKeyPrivatePem, serial: FIXTURE_SERIALS.publicKeyId };

const provider = () =>
  createWechatProvider(testAccount(), {
    now: () => NOW_MS,
    fetchImpl: (async () => {
      throw new Error("no network in notify tests");
    }) as typeof fetch,
  });

function refundResource(overrides: Record<string, unknown> = {}) {
  return {
    mchid: "1900000109",
    transaction_id: "4200000000202611220000000001",
    out_trade_no: "20261122152935123456789",
    refund_id: "50000000382019052709732678859",
    out_refund_no: "R20261122160000001",
    refund_status: "SUCCESS",
    success_time: "2026-11-22T15:59:58+08:00",
    user_received_account: "支付用户零钱",
    amount: { total: 50, refund: 30, payer_total: 50, payer_refund: 30 },
    ...overrides,
  };
}

const refundNotify = (resource: object, options: Partial<Parameters<typeof signedNotify>[1]> = {}) =>
  signedNotify(resource, { signer, apiV3Key: TEST_API_V3_KEY, timestamp: NOW_S, eventType: "REFUND.SUCCESS", originalType: "refund", associatedData: "refund", ...options });

async function rejection(promise: Promise<unknown>): Promise<NotifyRejectedError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NotifyRejectedError);
  return error as NotifyRejectedError;
}

describe("refund notifies", () => {
  test("a genuine REFUND.SUCCESS is refund news with the amount, ids and success time", async () => {
    await expect(provider().parseNotify(refundNotify(refundResource()))).resolves.toEqual({
      kind: "refund",
      notifyId: "EV-2018022511223320873",
      refund: {
        kind: "refund",
        refundNo: "R20261122160000001",
        orderNo: "20261122152935123456789",
        status: "succeeded",
        platformRefundId: "50000000382019052709732678859",
        refundFen: 30,
        succeededAt: new Date("2026-11-22T07:59:58Z"),
        merchantId: "1900000109",
        source: "notify",
      },
    });
  });

  test.each([
    ["REFUND.ABNORMAL", "ABNORMAL", "abnormal"],
    ["REFUND.CLOSED", "CLOSED", "closed"],
  ])("%s → %s without a success time", async (eventType, refundStatus, status) => {
    const notify = refundNotify(refundResource({ refund_status: refundStatus, success_time: undefined }), { eventType });
    const parsed = await provider().parseNotify(notify);
    expect(parsed).toMatchObject({ kind: "refund", refund: { status, succeededAt: undefined } });
  });

  test("the status follows the decrypted refund_status, not the event type", async () => {
    const notify = refundNotify(refundResource({ refund_status: "ABNORMAL", success_time: undefined }), { eventType: "REFUND.SUCCESS" });
    await expect(provider().parseNotify(notify)).resolves.toMatchObject({ refund: { status: "abnormal" } });
  });

  test.each([
    ["signed by another key", { signer: { ...signer, privateKeyPem: keys.rogueKeyPem } }, "SIGN_ERROR", 401],
    ["changed after signing", { mutateBody: (b: string) => b.replace("REFUND.SUCCESS", "REFUND.CLOSED") }, "SIGN_ERROR", 401],
    ["6 minutes old", { timestamp: NOW_S - 360 }, "STALE_TIMESTAMP", 401],
    ["sealed with another APIv3 key", { apiV3Key: "AnotherApiV3Key0123456789abcdefg" }, "DECRYPT_FAILED", 400],
  ] as const)("a refund notify %s is refused (%s)", async (_label, options, code, status) => {
    const error = await rejection(provider().parseNotify(refundNotify(refundResource(), options)));
    expect([error.code, error.status]).toEqual([code, status]);
  });

  test.each([
    ["a SUCCESS without success_time", { success_time: undefined }],
    ["an amount in yuan", { amount: { total: "0.50", refund: "0.30" } }],
    ["an unknown refund_status", { refund_status: "DONE" }],
    ["no out_refund_no", { out_refund_no: undefined }],
  ])("a genuine but malformed resource is MALFORMED: %s", async (_label, change) => {
    const error = await rejection(provider().parseNotify(refundNotify(refundResource(change))));
    expect([error.code, error.status]).toEqual(["MALFORMED", 400]);
  });
});
