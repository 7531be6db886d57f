// The cashier page rendered to HTML: what a payer (and Playwright) sees, and where the buttons post.
import { renderToStaticMarkup } from "react-dom/server";
import { expect, test, vi } from "vitest";
import { pageUrl, signedParams, setUpTemporaryEmulator } from "@/lib/emulator/alipay/test-support";

vi.mock("next/navigation", () => ({
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
}));
setUpTemporaryEmulator();
const { openCashier, payAlipayTrade } = await import("@/lib/emulator/alipay");
const { default: AlipayCashierPage } = await import("./page");

async function render(token: string) {
  return renderToStaticMarkup(await AlipayCashierPage({ params: Promise.resolve({ token }) }));
}

test("a waiting desktop trade shows the order and both buttons; once paid, 支付成功 and 返回商家", async () => {
  const biz = { out_trade_no: "CASHIER1", total_amount: "12.30", subject: "读书会报名费", product_code: "FAST_INSTANT_TRADE_PAY" };
  const { token } = await openCashier(pageUrl(signedParams("alipay.trade.page.pay", biz, { return_url: "http://merchant.test/r" })));
  const html = await render(token);
  expect(html).toContain("支付宝收银台（模拟器）");
  expect(html).toContain("读书会报名费");
  expect(html).toContain("¥12.30");
  expect(html).toContain("CASHIER1");
  expect(html).toContain('data-channel="page"');
  expect(html).toContain(`action="/sandbox/alipay/cashier/${token}/pay"`);
  expect(html).toMatch(/<button[^>]*>确认付款<\/button>/);
  expect(html).toMatch(/<button[^>]*>取消付款<\/button>/);

  payAlipayTrade("CASHIER1");
  const paid = await render(token);
  expect(paid).toContain("支付成功");
  expect(paid).toContain("返回商家");
  expect(paid).not.toContain("确认付款");
});

test("a WAP trade gets the phone layout; an unknown token is a 404", async () => {
  const biz = { out_trade_no: "CASHIER2", total_amount: "0.01", subject: "手机", product_code: "QUICK_WAP_WAY", quit_url: "http://m.test/q" };
  const { token } = await openCashier(pageUrl(signedParams("alipay.trade.wap.pay", biz)));
  expect(await render(token)).toContain('data-channel="wap"');
  await expect(render("0".repeat(32))).rejects.toThrow("NEXT_NOT_FOUND");
});

test("the cashier shows the subject and amount, nothing else the merchant sent about its payer", async () => {
  const biz = { out_trade_no: "CASHIER3", total_amount: "50.00", subject: "读书会报名费", body: "张三 13800138000", product_code: "FAST_INSTANT_TRADE_PAY" };
  const { token } = await openCashier(pageUrl(signedParams("alipay.trade.page.pay", biz)));
  const html = await render(token);
  expect(html).toContain("读书会报名费");
  expect(html).toContain("¥50.00");
  expect(html).not.toContain("13800138000");
  expect(html).not.toContain("张三");
});
