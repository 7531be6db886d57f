import { devices, expect, test, type Page } from "@playwright/test";

// An iPhone-sized screen in Debian's chromium, with the user agent of the browser being tried.
const IPHONE = devices["iPhone 13"];
const WECHAT_UA = `${IPHONE.userAgent} MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN`;
const phone = (userAgent: string) => ({ viewport: IPHONE.viewport, deviceScaleFactor: IPHONE.deviceScaleFactor, isMobile: true, hasTouch: true, userAgent });

async function fillDemo(page: Page) {
  await page.getByLabel("姓名").fill("张三");
  await page.getByLabel("手机号").fill("13800138000");
  await page.getByLabel("周六下午").check();
}

test.describe("inside WeChat", () => {
  test.use(phone(WECHAT_UA));

  test("the payer is authorized silently, pays in the JS bridge's sheet and sees 支付成功", async ({ page }) => {
    const visited: string[] = [];
    page.on("request", (r) => {
      if (r.isNavigationRequest()) visited.push(new URL(r.url()).pathname);
    });
    await page.goto("/f/demo");
    // Server redirects: start → the (emulated) authorize page → our callback → back to the form.
    expect(visited).toEqual(expect.arrayContaining(["/api/payment/wechat/oauth/start", "/sandbox/wechat/connect/oauth2/authorize", "/api/payment/wechat/oauth/callback"]));
    // (the browser keeps authorize's #wechat_redirect fragment through the redirects, as WeChat's does)
    await expect(page).toHaveURL(/\/f\/demo(#wechat_redirect)?$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("读书会报名");

    await fillDemo(page);
    await page.getByLabel("微信支付").check();
    await page.getByRole("button", { name: "提交并支付" }).click();

    await expect(page).toHaveURL(/\/pay\/\d{24}$/);
    const sheet = page.getByTestId("wx-pay-sheet");
    await expect(sheet).toBeVisible();
    await expect(page.getByTestId("wx-pay-amount")).toHaveText("¥50.00");
    // No QR code to scan with the phone that shows it.
    await expect(page.getByTestId("qr")).toHaveCount(0);
    await sheet.getByRole("button", { name: "确认支付" }).click();

    const receipt = page.getByTestId("receipt");
    await expect(receipt).toBeVisible({ timeout: 20_000 });
    await expect(receipt).toContainText("支付成功");
    await expect(page.getByTestId("platform-trade-no")).toHaveText(/^4200\d{24}$/);
  });

  test("a payer who cancels the sheet can pay again from the page", async ({ page }) => {
    await page.goto("/f/demo");
    await fillDemo(page);
    await page.getByLabel("微信支付").check();
    await page.getByRole("button", { name: "提交并支付" }).click();
    await page.getByTestId("wx-pay-sheet").getByRole("button", { name: "取消" }).click();
    await expect(page.getByText("已取消支付")).toBeVisible();
    await page.getByRole("button", { name: "继续支付" }).click();
    await page.getByTestId("wx-pay-sheet").getByRole("button", { name: "确认支付" }).click();
    await expect(page.getByTestId("receipt")).toBeVisible({ timeout: 20_000 });
  });

  test("choosing 支付宝 shows how to open the page in the browser, with the link to copy", async ({ page }) => {
    await page.goto("/f/demo");
    await fillDemo(page);
    await page.getByLabel("支付宝").check();
    const guide = page.getByTestId("open-in-browser");
    await expect(guide).toBeVisible();
    await expect(guide).toContainText("在浏览器打开");
    await expect(guide.getByLabel("本页链接")).toHaveValue(/\/f\/demo$/);
    await expect(guide.getByRole("button", { name: "复制链接" })).toBeVisible();
    await expect(page.getByRole("button", { name: "提交并支付" })).toBeDisabled();
  });
});

test.describe("in a phone browser", () => {
  test.use(phone(IPHONE.userAgent));

  test("the payer goes through WeChat H5 and back, confirms, and sees 支付成功", async ({ page }) => {
    await page.goto("/f/demo");
    await fillDemo(page);
    await page.getByLabel("微信支付").check();
    // No notify for this trade: what confirms it is the payer's 已完成支付 (one query). The fault is
    // armed as the create answers, before the page leaves for the cashier.
    await page.route("**/api/payment/orders", async (route) => {
      const response = await route.fetch();
      const { orderNo } = (await response.json()) as { orderNo: string };
      const drop = await page.request.post("/sandbox/wechat/control", { data: { action: "set_fault", outTradeNo: orderNo, fault: { notify: "drop" } } });
      expect(drop.ok()).toBe(true);
      await route.fulfill({ response });
    });
    await page.getByRole("button", { name: "提交并支付" }).click();

    // The emulator's H5 cashier (it refuses a page opened without a Referer, as WeChat does).
    await expect(page).toHaveURL(/\/sandbox\/wechat\/h5pay\?/);
    await expect(page.getByTestId("h5-amount")).toHaveText("¥50.00");
    await page.getByRole("button", { name: "确认支付" }).click();

    await expect(page).toHaveURL(/\/pay\/\d{24}\?from=h5$/);
    const ask = page.getByTestId("h5-confirm");
    await expect(ask).toContainText("请确认微信支付是否已完成");
    await ask.getByRole("button", { name: "已完成支付" }).click();
    const receipt = page.getByTestId("receipt");
    await expect(receipt).toBeVisible({ timeout: 20_000 });
    await expect(receipt).toContainText("支付成功");
  });
});
