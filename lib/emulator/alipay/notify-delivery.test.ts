// Notify delivery through the shared dispatcher: retried until the merchant answers exactly
// "success", with the same notify (same notify_id), then never again.
import { afterAll, expect, test } from "vitest";
import { listNotifies } from "../dispatcher";
import { pageUrl, signedParams, startNotifyReceiver, setUpTemporaryEmulator, verifyNotifyParams, waitUntil } from "./test-support";

// 240 s (Alipay's first retry) becomes 24 ms.
setUpTemporaryEmulator({ EMULATOR_TIME_SCALE: "0.0001" });
const { openCashier, payAlipayTrade } = await import("./payer");

const receivers: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const r of receivers) await r.close();
});

test("a notify answered 'fail', then 'SUCCESS', then 'success' is sent three times and stops", async () => {
  const receiver = await startNotifyReceiver(["fail", "SUCCESS", "success"]);
  receivers.push(receiver);
  const outTradeNo = `N${Date.now()}`;
  const biz = { out_trade_no: outTradeNo, total_amount: "0.29", subject: "重试测试", product_code: "FAST_INSTANT_TRADE_PAY" };
  await openCashier(pageUrl(signedParams("alipay.trade.page.pay", biz, { notify_url: receiver.url })));
  payAlipayTrade(outTradeNo);

  const [notify] = await waitUntil("acknowledged", () => {
    const all = listNotifies(outTradeNo);
    return all.length === 1 && all[0].status === "acked" ? all : null;
  });
  expect(notify.attempts).toBe(3);
  expect(receiver.received).toHaveLength(3);
  expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
  const fields = Object.fromEntries(new URLSearchParams(receiver.received[0].body));
  expect(fields.total_amount).toBe("0.29");
  expect(verifyNotifyParams(fields)).toBe(true);

  // Well past the next retry (600 s → 60 ms): nothing more is sent.
  await new Promise((r) => setTimeout(r, 300));
  expect(receiver.received).toHaveLength(3);
});

test("a delayed and a duplicated notify (one-shot faults armed before the cashier opens)", async () => {
  const { setFault } = await import("./faults");
  const receiver = await startNotifyReceiver(["success"]);
  receivers.push(receiver);
  const outTradeNo = `D${Date.now()}`;
  setFault(outTradeNo, { nextNotify: "duplicate", nextNotifyDelayMs: 2_000_000 }); // 200 ms scaled
  const biz = { out_trade_no: outTradeNo, total_amount: "1.00", subject: "重复通知", product_code: "FAST_INSTANT_TRADE_PAY" };
  await openCashier(pageUrl(signedParams("alipay.trade.page.pay", biz, { notify_url: receiver.url })));
  const paidAt = Date.now();
  payAlipayTrade(outTradeNo);
  await waitUntil("two deliveries", () => receiver.received.length === 2);
  expect(Date.now() - paidAt).toBeGreaterThanOrEqual(150);
  expect(receiver.received[0].body).toBe(receiver.received[1].body);
  // The fault was used up: it does not apply to the next notify.
  expect((await import("./faults")).getFault(outTradeNo)).toMatchObject({ nextNotify: "none", nextNotifyDelayMs: 0 });
});
