// The wallet's refund list: what the payer sees of the refunds of the order they scanned.
import { renderToStaticMarkup } from "react-dom/server";
import { expect, test, vi } from "vitest";
import { callPlatform, nativeBody, setUpTemporaryEmulator } from "@/lib/emulator/wechat/test-support";

vi.mock("next/navigation", () => ({
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
}));
setUpTemporaryEmulator({ EMULATOR_TIME_SCALE: "0.001" });
const { payByCodeUrl, setWechatRefundFault } = await import("@/lib/emulator/wechat");
const { default: WechatWalletPage } = await import("./page");

const render = async (codeUrl: string) => renderToStaticMarkup(await WechatWalletPage({ searchParams: Promise.resolve({ code_url: codeUrl }) }));

test("a paid order shows its refunds, processing and refunded, with amounts; an unrefunded one shows none", async () => {
  const body = nativeBody({ amount: { total: 5000, currency: "CNY" } });
  const { json } = await callPlatform("POST", "/v3/pay/transactions/native", body);
  payByCodeUrl(json.code_url);
  expect(await render(json.code_url)).not.toContain("退款记录");

  const refund = (no: string, fen: number) =>
    callPlatform("POST", "/v3/refund/domestic/refunds", { out_trade_no: body.out_trade_no, out_refund_no: no, amount: { refund: fen, total: 5000, currency: "CNY" } });
  await refund("WALLETR1", 3000);
  await new Promise((r) => setTimeout(r, 30));
  setWechatRefundFault(body.out_trade_no as string, { outcome: "PROCESSING" });
  await refund("WALLETR2", 1000);

  const html = await render(json.code_url);
  expect(html).toContain("退款记录");
  expect(html).toContain("已退款到零钱 ¥30.00");
  expect(html).toContain("退款处理中 ¥10.00");
  expect(html.split('data-testid="refund"').length - 1).toBe(2);
});
