import { expect, test, type Page } from "@playwright/test";
import { chooseNewFieldType, createAdmin, submitSignIn } from "./admin-session";

// The e2e server starts on a fresh database; create an admin the documented way.
const ADMIN = { username: "console-admin", password: "console-admin-password-1" };
test.beforeAll(() => createAdmin(ADMIN));

async function signIn(page: Page) {
  await submitSignIn(page, ADMIN);
  await expect(page.getByRole("link", { name: "订单" })).toBeVisible();
}

test("an admin builds an item form, a payer pays it, and the admin finds the order, its timeline and the revenue", async ({ page, context }) => {
  await signIn(page);

  await page.goto("/admin/forms/new");
  await page.getByLabel("表单标题").fill("毕业纪念品订购");
  await chooseNewFieldType(page, "付款");
  await page.getByRole("button", { name: "添加字段" }).click();
  const payment = page.getByTestId("field-2");
  await payment.getByLabel("字段标题").fill("纪念品");
  await payment.getByLabel("按商品计价").check();
  await payment.getByTestId("item-0").getByLabel("商品名称").fill("纪念T恤");
  await payment.getByTestId("item-0").getByLabel("单价（元）").fill("59.90");
  await payment.getByRole("button", { name: "添加商品" }).click();
  await payment.getByTestId("item-1").getByLabel("商品名称").fill("相册");
  await payment.getByTestId("item-1").getByLabel("单价（元）").fill("88");
  await page.getByRole("button", { name: "创建表单" }).click();
  await expect(page).toHaveURL(/\/admin\/forms\/\d+\?saved=1$/);
  await page.getByRole("button", { name: "发布", exact: true }).click();
  const publicUrl = await page.getByTestId("public-url").getAttribute("href");

  // The payer, in another tab: two T-shirts and an album, by WeChat Pay.
  const payer = await context.newPage();
  await payer.goto(new URL(publicUrl!).pathname);
  await payer.getByLabel("姓名").fill("王小明");
  await payer.getByLabel("手机号").fill("13712345678");
  await payer.getByLabel("纪念T恤数量").fill("2");
  await payer.getByLabel("相册数量").fill("1");
  await payer.getByLabel("微信支付").check();
  await expect(payer.getByTestId("total")).toHaveText("¥207.80");
  await payer.getByRole("button", { name: "提交并支付" }).click();
  await expect(payer.getByTestId("amount")).toHaveText("¥207.80");
  const codeUrl = await payer.getByTestId("qr").getAttribute("data-code-url");
  const orderNo = await payer.getByTestId("order-no").innerText();
  const wallet = await context.newPage();
  await wallet.goto(`/sandbox/wechat/wallet?code_url=${encodeURIComponent(codeUrl!)}`);
  await wallet.getByRole("button", { name: "确认支付" }).click();
  await expect(payer.getByTestId("receipt")).toBeVisible({ timeout: 20_000 });
  await expect(payer.getByTestId("receipt")).toContainText("纪念T恤 × 2");

  // The admin finds it by the payer's phone number.
  await page.goto("/admin/orders");
  await page.getByLabel("搜索").fill("13712345678");
  await page.getByRole("button", { name: "筛选" }).click();
  const link = page.getByRole("link", { name: orderNo });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/admin/orders/${orderNo}$`));
  await expect(page.getByText("王小明")).toBeVisible();
  const timeline = page.locator("section", { has: page.getByRole("heading", { name: "时间线" }) });
  await expect(timeline).toContainText("创建订单");
  await expect(timeline).toContainText("收到通知（已验签）");
  await expect(timeline).toContainText("待支付 → 已支付");
  await expect(page.getByRole("heading", { name: /平台通知原文/ })).toBeVisible();

  // And the revenue on the dashboard, under this form.
  await page.goto("/admin");
  const byForm = page.locator("section", { has: page.getByRole("heading", { name: "各表单收款（近 30 天）" }) });
  const row = byForm.getByRole("row", { name: /毕业纪念品订购/ });
  await expect(row).toContainText("¥207.80");
  await expect(page.getByTestId("revenue-today")).not.toHaveText("¥0.00");
});

test("an account form flags 'not a pem' and a malformed AppID under their fields, before anything is sent", async ({ page }) => {
  await signIn(page);
  await page.goto("/admin/accounts/new?provider=wechat");
  const saves: string[] = [];
  page.on("request", (request) => {
    if (request.method() !== "GET" && request.url().includes("/api/admin/accounts")) saves.push(request.url());
  });
  await page.locator("#privateKeyPem").fill("not a pem");
  await page.locator("#appId").fill("wx123");
  await page.locator("#privateKeyPem").focus(); // leaving AppID checks it
  await page.locator("#appId").focus(); // leaving the key checks it
  const keyItem = page.locator(".ant-form-item", { has: page.locator("#privateKeyPem") });
  await expect(keyItem.locator(".ant-form-item-explain-error")).toContainText("内容不像 PEM");
  const appIdItem = page.locator(".ant-form-item", { has: page.locator("#appId") });
  await expect(appIdItem.locator(".ant-form-item-explain-error")).toContainText("AppID 应为 wx 开头的 18 位字符");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("请先改正标红的项")).toBeVisible();
  await expect(page.locator(".ant-form-item", { has: page.locator("#mchId") }).locator(".ant-form-item-explain-error")).toContainText("请填写商户号");
  expect(saves).toEqual([]);
});

test("an admin adds a WeChat Pay receiving account and its connection test passes", async ({ page }) => {
  await signIn(page);
  await page.goto("/admin/accounts");
  await page.waitForLoadState("networkidle");
  await page.getByRole("link", { name: "添加微信支付账户" }).click();
  await page.getByRole("button", { name: "用模拟器的演示商户填充" }).click();
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page).toHaveURL(/\/admin\/accounts\?saved=\d+$/);
  const id = new URL(page.url()).searchParams.get("saved");
  const row = page.locator(`[data-account-id="${id}"]`);
  await row.getByRole("button", { name: "测试连接" }).click();
  await expect(row.getByRole("status")).toContainText("签名与验签均正常");
  // The secrets are not shown again.
  await page.goto(`/admin/accounts/${id}`);
  await expect(page.getByText("已保存（不显示）").first()).toBeVisible();
  await expect(page.locator("textarea", { hasText: "PRIVATE KEY" })).toHaveCount(0);
});
