import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { chooseNewFieldType, createAdmin, expectHydrated } from "./admin-session";

// The e2e server starts on a fresh database with no admin; create one the documented way.
const ADMIN = { username: "e2e-admin", password: "e2e-admin-password-1" };
test.beforeAll(() => createAdmin(ADMIN));

test("an admin signs in, builds a form with priced items, publishes it, and a payer sees it", async ({ page }) => {
  await page.goto("/admin/forms");
  await expect(page).toHaveURL(/\/admin\/login$/);
  await expectHydrated(page.getByRole("button", { name: "登录" }));
  await page.getByLabel("用户名").fill(ADMIN.username);
  await page.getByLabel("密码").fill("wrong-password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByText("用户名或密码不正确")).toBeVisible();
  await page.getByLabel("密码").fill(ADMIN.password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("link", { name: "表单" })).toBeVisible();

  await page.goto("/admin/forms/new");
  await page.getByLabel("表单标题").fill("周末市集摊位预订");
  await chooseNewFieldType(page, "付款");
  await page.getByRole("button", { name: "添加字段" }).click();
  const payment = page.getByTestId("field-2");
  await payment.getByLabel("字段标题").fill("摊位");
  await payment.getByLabel("按商品计价").check();

  // A bad price is reported next to the item, by the server's validation.
  await payment.getByTestId("item-0").getByLabel("商品名称").fill("标准摊位");
  await payment.getByTestId("item-0").getByLabel("单价（元）").fill("12.345");
  // Leaving the box says what is wrong, under it, before anything is saved.
  await payment.getByTestId("item-0").getByLabel("库存").focus();
  await expect(payment.getByTestId("item-0").getByText("单价应为金额（元），最多两位小数，如 12.30")).toBeVisible();
  await page.getByRole("button", { name: "创建表单" }).click();
  await expect(page).toHaveURL(/\/admin\/forms\/new$/);
  await expect(payment.getByText("单价应为金额（元），最多两位小数，如 12.30")).toBeVisible();

  await payment.getByTestId("item-0").getByLabel("单价（元）").fill("120");
  await payment.getByTestId("item-0").getByLabel("库存").fill("2");
  await payment.getByRole("button", { name: "添加商品" }).click();
  await payment.getByTestId("item-1").getByLabel("商品名称").fill("转角摊位");
  await payment.getByTestId("item-1").getByLabel("单价（元）").fill("199.90");
  await page.getByRole("button", { name: "创建表单" }).click();

  await expect(page).toHaveURL(/\/admin\/forms\/\d+\?saved=1$/);
  await expect(payment.getByText("剩余 2 / 共 2")).toBeVisible();
  await page.getByRole("button", { name: "发布", exact: true }).click();
  const link = page.getByTestId("public-url");
  await expect(link).toBeVisible();
  await expect(page.getByRole("region", { name: "分享" }).locator("svg")).toBeVisible();
  // The share QR as a file for print, not only a screenshot.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "下载二维码图片" }).click()]);
  expect(download.suggestedFilename()).toBe("周末市集摊位预订-二维码.png");
  const png = fs.readFileSync((await download.path())!);
  expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  const url = await link.getAttribute("href");
  expect(url).toMatch(/\/f\/[a-z0-9]{8}$/);

  await page.goto(new URL(url!).pathname);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("周末市集摊位预订");
  await expect(page.getByText("标准摊位　¥120.00")).toBeVisible();
  await expect(page.getByText("（剩余 2）")).toBeVisible();
  await expect(page.getByText("转角摊位　¥199.90")).toBeVisible();
});
