import { describe, expect, test } from "vitest";
import { NotifyRejectedError } from "../types";
import { fixtureKeys, FIXTURE_SERIALS, TEST_API_V3_KEY, testAccount } from "./__fixtures__/keys";
import { paidTransaction, platformSignatureHeaders, signedNotify } from "./__fixtures__/platform";
import { createWechatProvider } from "./index";

const keys = fixtureKeys();
const NOW_MS = Date.UTC(2026, 10, 22, 7, 29, 40);
const NOW_S = Math.floor(NOW_MS / 1000);
const signer = { privateKeyPem: keys.publicKeyPrivatePem, serial: FIXTURE_SERIALS.publicKeyId };

// Public-key mode: parseNotify needs no network at all.
const provider = (overrides = {}, now = NOW_MS) =>
  createWechatProvider(testAccount(overrides), {
    now: () => now,
    fetchImpl: (async () => {
      throw new Error("no network in notify tests");
    }) as typeof fetch,
  });

type NotifyOptions = Omit<Parameters<typeof signedNotify>[1], "signer" | "apiV3Key">;
const notify = (transaction: object = paidTransaction(), options: NotifyOptions = {}) =>
  signedNotify(transaction, { signer, apiV3Key: TEST_API_V3_KEY, timestamp: NOW_S, ...options });

async function rejection(promise: Promise<unknown>): Promise<NotifyRejectedError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NotifyRejectedError);
  return error as NotifyRejectedError;
}

describe("parseNotify", () => {
  test("a genuine TRANSACTION.SUCCESS becomes a paid fact with the event id", async () => {
    await expect(provider().parseNotify(notify())).resolves.toEqual({
      kind: "payment",
      notifyId: "EV-2018022511223320873",
      fact: {
        kind: "paid",
        orderNo: "20261122152935123456789",
        platformTradeNo: "4200000000202611220000000001",
        amountFen: 1230,
        paidAt: new Date("2026-11-22T07:29:35Z"),
        appId: "wxd678efh567hg6787",
        merchantId: "1900000109",
        source: "notify",
      },
    });
  });

  test("an empty associated_data decrypts", async () => {
    await expect(provider().parseNotify(notify(paidTransaction(), { associatedData: "" }))).resolves.toMatchObject({
      fact: { kind: "paid" },
    });
  });

  test("the fact follows the decrypted trade_state, not the event type", async () => {
    const closed = { ...paidTransaction({ trade_state: "CLOSED" }), transaction_id: undefined, success_time: undefined };
    await expect(provider().parseNotify(notify(closed, { eventType: "TRANSACTION.CLOSED" }))).resolves.toMatchObject({
      fact: { kind: "closed", orderNo: "20261122152935123456789", source: "notify" },
    });
  });

  test.each([
    ["a flipped body byte", { mutateBody: (b: string) => b.replace("EV-2018", "EV-2019") }, "SIGN_ERROR", 401],
    ["a WECHATPAY/SIGNTEST/ probe", { signature: "WECHATPAY/SIGNTEST/c2lnbmF0dXJl" }, "SIGN_ERROR", 401],
    ["a timestamp 6 minutes old", { timestamp: NOW_S - 360 }, "STALE_TIMESTAMP", 401],
    ["a timestamp 6 minutes ahead", { timestamp: NOW_S + 360 }, "STALE_TIMESTAMP", 401],
    [
      "a tampered ciphertext under a valid signature",
      {
        mutateEnvelope: (e: { resource: Record<string, string> }): void => {
          const bytes = Buffer.from(e.resource.ciphertext, "base64");
          bytes[5] ^= 0x80;
          e.resource.ciphertext = bytes.toString("base64");
        },
      },
      "DECRYPT_FAILED",
      400,
    ],
    [
      "a wrong associated_data under a valid signature",
      { mutateEnvelope: (e: { resource: Record<string, string> }): void => void (e.resource.associated_data = "refund") },
      "DECRYPT_FAILED",
      400,
    ],
    [
      "an unsupported algorithm",
      { mutateEnvelope: (e: { resource: Record<string, string> }): void => void (e.resource.algorithm = "AEAD_SM4_GCM") },
      "MALFORMED",
      400,
    ],
    ["a refund notify whose resource is a transaction", { eventType: "REFUND.SUCCESS", originalType: "refund" }, "MALFORMED", 400],
    ["a refund event of original_type transaction", { eventType: "REFUND.SUCCESS" }, "UNSUPPORTED_EVENT", 400],
  ] as const)("rejects %s (%s, %i)", async (_label, options, code, status) => {
    const error = await rejection(provider().parseNotify(notify(paidTransaction(), options as NotifyOptions)));
    expect([error.code, error.status]).toEqual([code, status]);
    expect(error.message.length).toBeGreaterThan(0);
  });

  test("rejects a notify from another PUB_KEY_ID and one signed by another key", async () => {
    const otherId = signedNotify(paidTransaction(), {
      signer: { ...signer, serial: "PUB_KEY_ID_0119000001092025010100000000000002" },
      apiV3Key: TEST_API_V3_KEY,
      timestamp: NOW_S,
    });
    expect((await rejection(provider().parseNotify(otherId))).code).toBe("UNKNOWN_SERIAL");
    const forged = signedNotify(paidTransaction(), {
      signer: { ...signer, privateKeyPem: keys.rogueKeyPem },
      apiV3Key: TEST_API_V3_KEY,
      timestamp: NOW_S,
    });
    expect((await rejection(provider().parseNotify(forged))).code).toBe("SIGN_ERROR");
  });

  test("a merchant with another APIv3 key cannot decrypt", async () => {
    const error = await rejection(provider({ apiV3Key: "AnotherApiV3Key0123456789abcdefg" }).parseNotify(notify()));
    expect(error.code).toBe("DECRYPT_FAILED");
  });

  test("a decrypted transaction that is not a valid transaction is MALFORMED", async () => {
    const error = await rejection(provider().parseNotify(notify(paidTransaction({ amount: { total: "12.30" } }))));
    expect(error.code).toBe("MALFORMED");
    expect(error.message).toContain("amount.total");
  });

  test("signed garbage is MALFORMED, checked only after the signature", async () => {
    for (const rawBody of ["not json", "{}", '{"id":"x","event_type":"TRANSACTION.SUCCESS"}', "null"]) {
      const headers = new Headers(platformSignatureHeaders(rawBody, signer, { timestamp: NOW_S }));
      expect((await rejection(provider().parseNotify({ headers, rawBody }))).code).toBe("MALFORMED");
      expect((await rejection(provider().parseNotify({ headers: new Headers(), rawBody }))).code).toBe("SIGN_ERROR");
    }
  });

  test("certificate mode with the platform unreachable asks for a retry (503)", async () => {
    const certSigned = signedNotify(paidTransaction(), {
      signer: { privateKeyPem: keys.platformCertKeyPem, serial: FIXTURE_SERIALS.platformCert },
      apiV3Key: TEST_API_V3_KEY,
      timestamp: NOW_S,
    });
    const error = await rejection(provider({ platformPublicKeyPem: undefined, platformPublicKeyId: undefined }).parseNotify(certSigned));
    expect([error.code, error.status]).toEqual(["CERTIFICATES_UNAVAILABLE", 503]);
  });
});

describe("answers to the platform", () => {
  test("acknowledge is an empty 204", async () => {
    const response = provider().acknowledge();
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
  });

  test("reject answers FAIL with the rejection's status, 500 for anything else", async () => {
    const rejected = provider().reject(new NotifyRejectedError("SIGN_ERROR", "微信支付签名验证失败", 401));
    expect(rejected.status).toBe(401);
    expect(await rejected.json()).toEqual({ code: "FAIL", message: "微信支付签名验证失败" });
    const failed = provider().reject(new Error("database is locked at /var/lib/secret.db"));
    expect(failed.status).toBe(500);
    expect(await failed.text()).not.toContain("secret");
  });
});
