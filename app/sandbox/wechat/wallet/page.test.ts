// The wallet page rendered to HTML: what a payer (and Playwright) sees, and where the buttons post.
import { renderToStaticMarkup } from "react-dom/server";
import { expect, test, vi } from "vitest";
import { callPlatform, nativeBody, setUpTemporaryEmulator } from "@/lib/emulator/wechat/test-support";

vi.mock("next/navigation", () => ({
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
}));
setUpTemporaryEmulator({ EMULATOR_TIME_SCALE: "0.001" });
const { payByCodeUrl, expireWechatTrade } = await import("@/lib/emulator/wechat");
const { default: WechatWalletPage } = await import("./page");

async function render(search: Record<string, string>) {
  return renderToStaticMarkup(await WechatWalletPage({ searchParams: Promise.resolve(search) }));
}

async function create(overrides: Record<string, unknown> = {}) {
  const body = nativeBody({ description: "读书会报名费", amount: { total: 1230, currency: "CNY" }, ...overrides });
  const answer = await callPlatform("POST", "/v3/pay/transactions/native", body);
  return { outTradeNo: body.out_trade_no as string, codeUrl: answer.json.code_url as string };
}

const count = (html: string, text: string) => html.split(text).length - 1;

test("a payable code shows merchant, description, ¥12.30 once, and both buttons; after paying 支付成功 and the transaction id", async () => {
  const { outTradeNo, codeUrl } = await create();
  const html = await render({ code_url: codeUrl });
  expect(html).toContain("微信支付（模拟器）");
  expect(html).toContain("模拟商户");
  expect(html).toContain("1900000109");
  expect(html).toContain("读书会报名费");
  expect(count(html, "¥12.30")).toBe(1);
  expect(html).toContain(outTradeNo);
  expect(html).toContain("待支付");
  expect(html).toContain('action="/sandbox/wechat/wallet/pay"');
  expect(html).toMatch(/<button[^>]*>确认支付<\/button>/);
  expect(html).toMatch(/<button[^>]*>拒绝支付<\/button>/);

  const { trade } = payByCodeUrl(codeUrl);
  const paid = await render({ code_url: codeUrl, result: "paid" });
  expect(count(paid, "支付成功")).toBe(1);
  expect(paid).toContain(trade.transactionId!);
  expect(paid).not.toContain("确认支付");
  const revisited = await render({ code_url: codeUrl });
  expect(revisited).toContain("该订单已支付");
  expect(revisited).not.toContain("支付成功");
});

test("declined, expired and unknown codes say so", async () => {
  const { codeUrl } = await create();
  expect(await render({ code_url: codeUrl, result: "declined" })).toContain("已拒绝支付");
  const expiring = await create();
  expireWechatTrade(expiring.outTradeNo);
  const expired = await render({ code_url: expiring.codeUrl });
  expect(expired).toContain("二维码已过期，无法支付");
  expect(expired).not.toContain("确认支付");
  expect(await render({ code_url: "weixin://wxpay/bizpayurl?pr=unknown" })).toContain("二维码无效");
  expect(await render({ code_url: "https://example.com" })).toContain("二维码无效");
});

test("without code_url: only a field to paste the link, never a list of other people's unpaid orders", async () => {
  const { codeUrl, outTradeNo } = await create({ description: "别人的订单" });
  const html = await render({});
  expect(html).toContain("扫一扫");
  expect(html).toMatch(/<input[^>]*name="code_url"/);
  expect(html).not.toContain(outTradeNo);
  expect(html).not.toContain("别人的订单");
  expect(html).not.toContain(encodeURIComponent(codeUrl).replaceAll("&", "&amp;"));
  expect(html).not.toContain("¥12.30");
});

test("a scanned code shows what the merchant sent the platform, nothing of the merchant's payer", async () => {
  const { codeUrl } = await create({ attach: "张三 13800138000" });
  const html = await render({ code_url: codeUrl });
  expect(html).toContain("读书会报名费");
  expect(html).not.toContain("13800138000");
  expect(html).not.toContain("张三");
});

test("404 when the emulator is off", async () => {
  process.env.PAYMENT_EMULATOR = "off";
  await expect(render({})).rejects.toThrow("NEXT_NOT_FOUND");
  process.env.PAYMENT_EMULATOR = "on";
});
