// Notifies as the merchant's server receives them: signed per attempt, AES-GCM resource that
// decrypts (and authenticates) to the transaction, retried on failure, with the test faults.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { deliverDue } from "../dispatcher";
import { decryptResource } from "./aead";
import { payWechatTrade, redeliverWechatNotifies, setWechatFault, wechatNotifies } from "./control";
import { buildWechatTestNotify, sendWechatTestNotify } from "./test-notify";
import { payByCodeUrl } from "./wallet";
import {
  callPlatform,
  merchant,
  nativeBody,
  startNotifyReceiver,
  setUpTemporaryEmulator,
  verifyPlatformSignature,
  waitUntil,
  type NotifyReceiver,
} from "./test-support";

setUpTemporaryEmulator({ EMULATOR_TIME_SCALE: "0.001" });

let ok: NotifyReceiver;
beforeAll(async () => {
  ok = await startNotifyReceiver([204]);
});
afterAll(() => ok.close());

async function createTrade(notifyUrl: string, overrides: Record<string, unknown> = {}) {
  const body = nativeBody({ notify_url: notifyUrl, ...overrides });
  const answer = await callPlatform("POST", "/v3/pay/transactions/native", body);
  expect(answer.status).toBe(200);
  return { outTradeNo: body.out_trade_no as string, codeUrl: answer.json.code_url as string };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const receivedFor = (receiver: NotifyReceiver, outTradeNo: string) =>
  receiver.received.filter((n) => {
    const resource = JSON.parse(n.body).resource;
    try {
      return JSON.parse(decryptResource(resource, merchant().apiV3Key)).out_trade_no === outTradeNo;
    } catch {
      return false;
    }
  });

describe("payment notify", () => {
  test("paying in the wallet sends TRANSACTION.SUCCESS: signature verifies, resource decrypts to the transaction", async () => {
    const { outTradeNo, codeUrl } = await createTrade(ok.url, { attach: "a=1" });
    const { trade } = payByCodeUrl(codeUrl);
    const [notify] = await waitUntil("the notify", () => {
      const got = receivedFor(ok, outTradeNo);
      return got.length ? got : null;
    });

    expect(notify.headers.get("content-type")).toBe("application/json");
    expect(notify.headers.get("wechatpay-serial")).toBe(merchant().publicKeyId);
    expect(verifyPlatformSignature(notify.headers, notify.body)).toBe(true);

    const envelope = JSON.parse(notify.body);
    expect(envelope).toMatchObject({
      resource_type: "encrypt-resource",
      event_type: "TRANSACTION.SUCCESS",
      summary: "支付成功",
      resource: { original_type: "transaction", algorithm: "AEAD_AES_256_GCM", associated_data: "transaction" },
    });
    expect(envelope.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(envelope.create_time).toMatch(/\+08:00$/);
    expect(envelope.resource.nonce).toMatch(/^[A-Za-z0-9]{12}$/);

    const transaction = JSON.parse(decryptResource(envelope.resource, merchant().apiV3Key));
    const query = await callPlatform("GET", `/v3/pay/transactions/out-trade-no/${outTradeNo}?mchid=${merchant().mchId}`);
    expect(transaction).toEqual(query.json);
    expect(transaction).toMatchObject({ trade_state: "SUCCESS", transaction_id: trade.transactionId, attach: "a=1", amount: { total: 1230 } });
    await waitUntil("acked", () => wechatNotifies(outTradeNo)[0].status === "acked");
  });

  test("a 500 answer is retried (freshly signed) and delivery stops after a 204", async () => {
    const flaky = await startNotifyReceiver([500, 500, 204]);
    try {
      const { outTradeNo } = await createTrade(flaky.url);
      payWechatTrade(outTradeNo);
      await waitUntil("three attempts", () => flaky.received.length >= 3);
      await waitUntil("acked", () => wechatNotifies(outTradeNo)[0].status === "acked");
      await sleep(200);
      await deliverDue();
      expect(flaky.received).toHaveLength(3);
      const [first, , last] = flaky.received;
      expect(last.body).toBe(first.body);
      for (const attempt of flaky.received) expect(verifyPlatformSignature(attempt.headers, attempt.body)).toBe(true);
      expect(last.headers.get("wechatpay-nonce")).not.toBe(first.headers.get("wechatpay-nonce"));
      expect(wechatNotifies(outTradeNo)[0]).toMatchObject({ status: "acked", attempts: 3 });
    } finally {
      await flaky.close();
    }
  });

  test("drop: nothing arrives until redelivered", async () => {
    const { outTradeNo } = await createTrade(ok.url);
    setWechatFault(outTradeNo, { notify: "drop" });
    payWechatTrade(outTradeNo);
    await sleep(150);
    expect(receivedFor(ok, outTradeNo)).toHaveLength(0);
    expect(wechatNotifies(outTradeNo)[0].status).toBe("dropped");
    await redeliverWechatNotifies(outTradeNo);
    expect(receivedFor(ok, outTradeNo)).toHaveLength(1);
  });

  test("duplicate: the same notify (same id) arrives twice; the fault is one-shot", async () => {
    const { outTradeNo } = await createTrade(ok.url);
    setWechatFault(outTradeNo, { notify: "duplicate" });
    payWechatTrade(outTradeNo);
    const twice = await waitUntil("two copies", () => {
      const got = receivedFor(ok, outTradeNo);
      return got.length === 2 ? got : null;
    });
    expect(JSON.parse(twice[0].body).id).toBe(JSON.parse(twice[1].body).id);
    await redeliverWechatNotifies(outTradeNo);
    expect(receivedFor(ok, outTradeNo)).toHaveLength(3);
  });

  test("delay: the first attempt waits delayMs (scaled)", async () => {
    const { outTradeNo } = await createTrade(ok.url);
    setWechatFault(outTradeNo, { notify: "delay", delayMs: 400_000 }); // 400 ms at scale 0.001
    payWechatTrade(outTradeNo);
    await sleep(100);
    expect(receivedFor(ok, outTradeNo)).toHaveLength(0);
    await waitUntil("the delayed notify", () => receivedFor(ok, outTradeNo).length === 1);
  });

  test("a closed order is paid only through pay_after_close, which notifies", async () => {
    const { outTradeNo, codeUrl } = await createTrade(ok.url);
    await callPlatform("POST", `/v3/pay/transactions/out-trade-no/${outTradeNo}/close`, { mchid: merchant().mchId });
    expect(() => payByCodeUrl(codeUrl)).toThrow(/关闭/);
    expect(wechatNotifies(outTradeNo)).toHaveLength(0);
    const { trade } = payWechatTrade(outTradeNo, { late: true });
    expect(trade).toMatchObject({ state: "SUCCESS", latePayment: true });
    await waitUntil("the late notify", () => receivedFor(ok, outTradeNo).length === 1);
  });

  test("paying twice changes nothing and sends nothing more", async () => {
    const { outTradeNo, codeUrl } = await createTrade(ok.url);
    const first = payByCodeUrl(codeUrl);
    const second = payByCodeUrl(codeUrl);
    expect(second.alreadyPaid).toBe(true);
    expect(second.notify).toBeNull();
    expect(second.trade.transactionId).toBe(first.trade.transactionId);
    expect(wechatNotifies(outTradeNo)).toHaveLength(1);
  });
});

describe("fault notifies for integration tests", () => {
  const verifyAndDecrypt = (built: ReturnType<typeof buildWechatTestNotify>) => {
    const headers = new Headers(built.headers);
    const signed = verifyPlatformSignature(headers, built.body);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the decrypted transaction, probed field by field
    let plaintext: any = null;
    try {
      plaintext = JSON.parse(decryptResource(built.envelope.resource, merchant().apiV3Key));
    } catch {
      plaintext = null;
    }
    return { signed, plaintext, headers };
  };

  test("a clean one verifies and decrypts to a paid view of the trade, without paying it", async () => {
    const { outTradeNo } = await createTrade(ok.url);
    const { signed, plaintext } = verifyAndDecrypt(buildWechatTestNotify({ outTradeNo }));
    expect(signed).toBe(true);
    expect(plaintext).toMatchObject({ out_trade_no: outTradeNo, trade_state: "SUCCESS", amount: { total: 1230 } });
    const query = await callPlatform("GET", `/v3/pay/transactions/out-trade-no/${outTradeNo}?mchid=${merchant().mchId}`);
    expect(query.json.trade_state).toBe("NOTPAY");
  });

  test.each([
    ["bad_signature", (r: ReturnType<typeof verifyAndDecrypt>) => !r.signed && r.plaintext !== null],
    ["signtest_probe", (r: ReturnType<typeof verifyAndDecrypt>) => !r.signed && r.headers.get("wechatpay-signature")!.startsWith("WECHATPAY/SIGNTEST/")],
    ["wrong_serial", (r: ReturnType<typeof verifyAndDecrypt>) => !r.signed && r.headers.get("wechatpay-serial")!.startsWith("PUB_KEY_ID_")],
    ["stale_timestamp", (r: ReturnType<typeof verifyAndDecrypt>) => !r.signed && Number(r.headers.get("wechatpay-timestamp")) < Date.now() / 1000 - 500],
    ["tampered_ciphertext", (r: ReturnType<typeof verifyAndDecrypt>) => r.signed && r.plaintext === null],
    ["amount_mismatch", (r: ReturnType<typeof verifyAndDecrypt>) => r.signed && r.plaintext.amount.total === 1231],
  ] as const)("%s is refusable by a correct merchant", async (corruption, check) => {
    const { outTradeNo } = await createTrade(ok.url);
    expect(check(verifyAndDecrypt(buildWechatTestNotify({ outTradeNo, corruption })))).toBe(true);
  });

  test("stale_timestamp is validly signed over its old timestamp (only the skew check catches it)", async () => {
    const { outTradeNo } = await createTrade(ok.url);
    const built = buildWechatTestNotify({ outTradeNo, corruption: "stale_timestamp" });
    expect(verifyPlatformSignature(new Headers(built.headers), built.body, 3600)).toBe(true);
  });

  test("sendWechatTestNotify posts to the trade's notify_url; an order the emulator never saw needs totalFen", async () => {
    const { outTradeNo } = await createTrade(ok.url);
    const sent = await sendWechatTestNotify(null, { outTradeNo, corruption: "amount_mismatch" });
    expect(sent.acknowledged).toBe(true); // this receiver acknowledges everything
    expect(() => buildWechatTestNotify({ outTradeNo: "NEVERSEEN1" })).toThrow(/totalFen/);
    const built = buildWechatTestNotify({ outTradeNo: "NEVERSEEN1", totalFen: 500, mode: "certificate" });
    expect(built.headers["Wechatpay-Serial"]).toBe(merchant().platformCertSerial);
    expect(verifyPlatformSignature(new Headers(built.headers), built.body)).toBe(true);
  });
});
