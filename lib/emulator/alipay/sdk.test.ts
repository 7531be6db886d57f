// The real alipay-sdk against the emulator over HTTP: if it accepts our signatures with
// validateSign: true, so will the app's adapter.
import fs from "node:fs";
import { AlipaySdk } from "alipay-sdk";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ensureEmulatorCredentials } from "../keys";
import { merchantKeys, startGatewayServer, startNotifyReceiver, setUpTemporaryEmulator, waitUntil, type LocalServer, type NotifyReceiver } from "./test-support";

// alipay-sdk stamps requests with the process's local time; Alipay expects Beijing time.
process.env.TZ = "Asia/Shanghai";
setUpTemporaryEmulator({ EMULATOR_TIME_SCALE: "0.0001" });

const { openCashier, payAlipayTrade } = await import("./payer");
const { buildAlipayTestNotify } = await import("./test-notify");
const { alipayKeys } = await import("./credentials");

let gateway: LocalServer;
let receiver: NotifyReceiver;
beforeAll(async () => {
  gateway = await startGatewayServer();
  receiver = await startNotifyReceiver(["success"]);
});
afterAll(async () => {
  await gateway.close();
  await receiver.close();
});

function publicKeySdk() {
  const k = merchantKeys();
  return new AlipaySdk({
    appId: k.appId,
    privateKey: k.appPrivateKeyPem,
    keyType: "PKCS8",
    alipayPublicKey: k.alipayPublicKeyPem,
    gateway: gateway.url,
    camelcase: false,
  });
}

function certSdk() {
  const k = merchantKeys();
  return new AlipaySdk({
    appId: k.appId,
    privateKey: k.appPrivateKeyPem,
    keyType: "PKCS8",
    appCertContent: k.appCertPem,
    alipayPublicCertContent: k.alipayPublicCertPem,
    alipayRootCertContent: k.alipayRootCertPem,
    gateway: gateway.url,
    camelcase: false,
  });
}

const bizContent = (outTradeNo: string) => ({
  out_trade_no: outTradeNo,
  total_amount: "12.30",
  subject: "读书会报名费 https://example.com/a",
  product_code: "FAST_INSTANT_TRADE_PAY",
  timeout_express: "15m",
});

describe.each([
  ["public-key mode", publicKeySdk],
  ["certificate mode", certSdk],
])("alipay-sdk in %s", (_mode, makeSdk) => {
  test("pageExecute GET → cashier → pay; exec query/close with validateSign accept our signatures", async () => {
    const sdk = makeSdk();
    const outTradeNo = `SDK${Date.now()}${Math.floor(Math.random() * 1000)}`;

    const notFound = await sdk.exec("alipay.trade.query", { bizContent: { out_trade_no: outTradeNo } }, { validateSign: true });
    expect(notFound).toMatchObject({ code: "40004", sub_code: "ACQ.TRADE_NOT_EXIST" });

    const payUrl = sdk.pageExecute("alipay.trade.page.pay", "GET", {
      bizContent: bizContent(outTradeNo),
      notify_url: receiver.url,
      return_url: "http://merchant.test/return",
    });
    const { trade } = await openCashier(payUrl);
    expect(trade.totalFen).toBe(1230);
    const { returnUrl } = payAlipayTrade(outTradeNo);

    const paid = await sdk.exec("alipay.trade.query", { bizContent: { out_trade_no: outTradeNo } }, { validateSign: true });
    expect(paid).toMatchObject({ code: "10000", trade_status: "TRADE_SUCCESS", total_amount: "12.30", out_trade_no: outTradeNo });

    const close = await sdk.exec("alipay.trade.close", { bizContent: { out_trade_no: outTradeNo } }, { validateSign: true });
    expect(close).toMatchObject({ code: "40004", sub_code: "ACQ.TRADE_STATUS_ERROR" });

    // The SDK's own notify and return checks (V2: values as decoded by the form parser).
    const notify = await waitUntil("notify", () => receiver.received.find((n) => n.body.includes(outTradeNo)));
    expect(sdk.checkNotifySignV2(Object.fromEntries(new URLSearchParams(notify.body)))).toBe(true);
    expect(sdk.checkNotifySignV2(Object.fromEntries(new URL(returnUrl!).searchParams))).toBe(true);
  });
});

test("pageExecute POST form (the auto-submitting HTML) opens the cashier too", async () => {
  const sdk = publicKeySdk();
  const outTradeNo = `SDKF${Date.now()}`;
  const form = sdk.pageExecute("alipay.trade.wap.pay", "POST", {
    bizContent: { ...bizContent(outTradeNo), product_code: "QUICK_WAP_WAY", quit_url: "http://merchant.test/quit" },
    notify_url: receiver.url,
  });
  expect(form).toContain("<form");
  const { trade } = await openCashier(form);
  expect(trade).toMatchObject({ outTradeNo, method: "alipay.trade.wap.pay", quitUrl: "http://merchant.test/quit" });
});

test("a response whose signature does not match is rejected by the SDK (the check is real)", async () => {
  const k = merchantKeys();
  const sdk = new AlipaySdk({
    appId: k.appId,
    privateKey: k.appPrivateKeyPem,
    keyType: "PKCS8",
    // Trusting the wrong key: the app's own public key is not Alipay's.
    alipayPublicKey: fs.readFileSync(ensureEmulatorCredentials().alipay.appPublicKeyPath, "utf8"),
    gateway: gateway.url,
    camelcase: false,
  });
  await expect(sdk.exec("alipay.trade.query", { bizContent: { out_trade_no: "X" } }, { validateSign: true })).rejects.toThrow(/验签失败/);
});

test("test notifies: clean and % pass the SDK's V2 check, forged does not", () => {
  const sdk = publicKeySdk();
  const base = { outTradeNo: "NOTIFY_ONLY_1", totalFen: 1230 };
  expect(sdk.checkNotifySignV2(buildAlipayTestNotify(base).params)).toBe(true);
  expect(sdk.checkNotifySignV2(buildAlipayTestNotify({ ...base, corruption: "percent_value" }).params)).toBe(true);
  expect(sdk.checkNotifySignV2(buildAlipayTestNotify({ ...base, corruption: "forged_sign" }).params)).toBe(false);
});

test("an error answer with slashes (escaped as \\/) still verifies in the SDK", async () => {
  const k = merchantKeys();
  const wrongKey = (await import("node:crypto")).generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const sdk = new AlipaySdk({ appId: k.appId, privateKey: wrongKey, keyType: "PKCS8", alipayPublicKey: k.alipayPublicKeyPem, gateway: gateway.url, camelcase: false });
  const answer = await sdk.exec("alipay.trade.query", { bizContent: { out_trade_no: "X", note: "a/b https://x.test/" } }, { validateSign: true });
  expect(answer).toMatchObject({ code: "40002", sub_code: "isv.invalid-signature" });
  expect(answer.sub_msg).toContain('"note":"a/b https://x.test/"');
});

test("our certificate SNs are the ones the SDK computes and sends", () => {
  const config = certSdk().config;
  expect(config.appCertSn).toBe(alipayKeys().appCertSn);
  expect(config.alipayRootCertSn).toBe(alipayKeys().alipayRootCertSn);
  expect(config.alipayCertSn).toBe(alipayKeys().alipayCertSn);
});
