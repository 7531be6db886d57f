import { devices, expect, test, type Page } from "@playwright/test";

async function fillDemoForm(page: Page) {
  await page.goto("/f/demo");
  await page.getByLabel("姓名").fill("李四");
  await page.getByLabel("手机号").fill("13900139000");
  await page.getByLabel("周日上午").check();
  await page.getByLabel("支付宝").check();
  await page.getByRole("button", { name: "提交并支付" }).click();
}

async function payAtCashierAndSeeReceipt(page: Page) {
  await expect(page.getByText("¥50.00").first()).toBeVisible();
  await page.getByRole("button", { name: "确认付款" }).click();
  // Back through our return URL to the payment page; the receipt appears once Alipay confirmed.
  await expect(page).toHaveURL(/\/pay\/\d{24}$/);
  const receipt = page.getByTestId("receipt");
  await expect(receipt).toBeVisible({ timeout: 20_000 });
  // The receipt is behind a shareable link: the payer's name and phone are masked.
  await expect(receipt).toContainText("李**");
  await expect(receipt).toContainText("139****9000");
  await expect(receipt).not.toContainText("李四");
  await expect(receipt).not.toContainText("13900139000");
  await expect(receipt).toContainText("支付宝");
  await expect(receipt).toContainText("¥50.00");
  await expect(page.getByTestId("platform-trade-no")).toHaveText(/^\d{28}$/);
}

test("a desktop payer pays through the Alipay page-pay cashier and lands on the receipt", async ({ page }) => {
  await fillDemoForm(page);
  await expect(page).toHaveURL(/\/sandbox\/alipay\/cashier\//);
  await expect(page.getByText("支付宝收银台")).toBeVisible();
  await payAtCashierAndSeeReceipt(page);
});

test.describe("on a phone", () => {
  // A phone's viewport, touch and user agent, in the same (Debian) chromium.
  const { viewport, userAgent, deviceScaleFactor, isMobile, hasTouch } = devices["iPhone 13"];
  test.use({ viewport, userAgent, deviceScaleFactor, isMobile, hasTouch });

  test("a phone payer goes through the WAP cashier", async ({ page }) => {
    await fillDemoForm(page);
    await expect(page).toHaveURL(/\/sandbox\/alipay\/cashier\//);
    await expect(page.locator("[data-channel=wap]")).toBeVisible();
    await payAtCashierAndSeeReceipt(page);
  });

  test("取消付款 at the WAP cashier returns to the pay page, which says the order still waits; paying from there works", async ({ page }) => {
    await fillDemoForm(page);
    await expect(page).toHaveURL(/\/sandbox\/alipay\/cashier\//);
    await page.getByRole("button", { name: "取消付款" }).click();
    // quit_url: back on our payment page, the order unchanged and the payer told so.
    await expect(page).toHaveURL(/\/pay\/\d{24}$/);
    await expect(page.getByTestId("back-from-cashier")).toContainText("尚未完成付款");
    await expect(page.getByTestId("receipt")).toHaveCount(0);
    await page.getByRole("link", { name: "前往支付宝付款" }).click();
    await expect(page).toHaveURL(/\/sandbox\/alipay\/cashier\//);
    await payAtCashierAndSeeReceipt(page);
  });
});
