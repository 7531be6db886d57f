import { expect, test } from "@playwright/test";

test("a payer fills the demo form, pays by WeChat Pay through the emulator's wallet, and gets a receipt with their data masked", async ({ page, context }) => {
  await page.goto("/f/demo");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("读书会报名");

  // The server's per-field messages show up next to the fields.
  await page.getByRole("button", { name: "提交并支付" }).click();
  await expect(page.getByText("请填写姓名")).toBeVisible();

  await page.getByLabel("姓名").fill("张三");
  await page.getByLabel("手机号").fill("13800138000");
  await page.getByLabel("周六下午").check();
  await page.getByLabel("微信支付").check();
  await expect(page.getByTestId("total")).toHaveText("¥50.00");
  await page.getByRole("button", { name: "提交并支付" }).click();

  await expect(page).toHaveURL(/\/pay\/\d{24}$/);
  await expect(page.getByTestId("amount")).toHaveText("¥50.00");
  await expect(page.getByTestId("countdown")).toContainText("内完成支付");
  const qr = page.getByTestId("qr");
  await expect(qr.locator("svg")).toBeVisible();
  const codeUrl = await qr.getAttribute("data-code-url");
  expect(codeUrl).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=/);
  const orderNo = await page.getByTestId("order-no").innerText();

  // Anyone with this page's link sees it: the payer is recognisable, their data is masked.
  const payer = page.getByTestId("payer");
  await expect(payer).toContainText("138****8000");
  await expect(payer).toContainText("张**");
  await expect(payer).toContainText("周六下午");
  expect(await page.content()).not.toContain("13800138000");
  expect(await page.content()).not.toContain("张三");

  // The link under the QR code opens the payer's phone (the emulator's wallet) with this code.
  const [wallet] = await Promise.all([context.waitForEvent("page"), page.getByRole("link", { name: "打开模拟器钱包（代替手机扫码）" }).click()]);
  await wallet.waitForLoadState();
  expect(new URL(wallet.url()).searchParams.get("code_url")).toBe(codeUrl);
  await expect(wallet.getByText("¥50.00")).toBeVisible();
  await expect(wallet.getByTestId("out-trade-no")).toHaveText(orderNo);
  expect(await wallet.content()).not.toContain("13800138000");
  await wallet.getByRole("button", { name: "确认支付" }).click();
  await expect(wallet.getByText("支付成功")).toBeVisible();

  // The first tab turns to paid by itself (pushed by the server), then shows the receipt.
  const receipt = page.getByTestId("receipt");
  await expect(receipt).toBeVisible({ timeout: 20_000 });
  await expect(receipt).toContainText("2026 冬季读书会报名");
  await expect(receipt).toContainText("张**");
  await expect(receipt).toContainText("138****8000");
  await expect(receipt).toContainText("周六下午");
  await expect(receipt).not.toContainText("13800138000");
  await expect(receipt).not.toContainText("张三");
  await expect(receipt).toContainText("¥50.00");
  await expect(receipt).toContainText(orderNo);
  await expect(page.getByTestId("platform-trade-no")).toHaveText(/^4200\d{24}$/);
  await expect(receipt).toContainText("支付时间");
});
