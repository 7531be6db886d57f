import { expect, test, type Page } from "@playwright/test";
import { createAdmin, submitSignIn } from "./admin-session";

const ADMIN = { username: "refund-admin", password: "refund-admin-password-1" };
test.beforeAll(() => createAdmin(ADMIN));

async function signIn(page: Page) {
  await submitSignIn(page, ADMIN);
  await expect(page.getByRole("link", { name: "订单" })).toBeVisible();
}

async function refund(page: Page, yuan: string | null, reason: string) {
  const panel = page.getByRole("region", { name: "退款" });
  await panel.getByRole("button", { name: /^退\s?款$/ }).click();
  const dialog = page.getByRole("dialog");
  if (yuan !== null) await dialog.getByLabel("退款金额（元）").fill(yuan);
  await dialog.getByLabel("退款原因（付款人可见）").fill(reason);
  await dialog.getByRole("button", { name: "下一步" }).click();
  return dialog;
}

test("an admin refunds part of a paid order, then the rest; the timeline, the 退款 page and the payer's receipt show it", async ({ page, context }) => {
  // The payer pays the demo form by WeChat Pay through the emulator's wallet.
  const payer = await context.newPage();
  await payer.goto("/f/demo");
  await payer.getByLabel("姓名").fill("李四");
  await payer.getByLabel("手机号").fill("13900139000");
  await payer.getByLabel("周六下午").check();
  await payer.getByLabel("微信支付").check();
  await payer.getByRole("button", { name: "提交并支付" }).click();
  await expect(payer).toHaveURL(/\/pay\/\d{24}$/);
  const codeUrl = await payer.getByTestId("qr").getAttribute("data-code-url");
  const orderNo = await payer.getByTestId("order-no").innerText();
  const wallet = await context.newPage();
  await wallet.goto(`/sandbox/wechat/wallet?code_url=${encodeURIComponent(codeUrl!)}`);
  await wallet.getByRole("button", { name: "确认支付" }).click();
  await expect(payer.getByTestId("receipt")).toBeVisible({ timeout: 20_000 });

  await signIn(page);
  await page.goto(`/admin/orders/${orderNo}`);
  await page.waitForLoadState("networkidle"); // the console is hydrated: its buttons answer clicks
  const panel = page.getByRole("region", { name: "退款" });
  await expect(panel).toContainText("可退 ¥50.00");

  // Part: 30 yuan. The confirmation names the amount and the payer.
  let dialog = await refund(page, "30", "只参加一场");
  await expect(dialog.getByRole("alert")).toContainText("¥30.00");
  await expect(dialog.getByRole("alert")).toContainText("李四");
  await dialog.getByRole("button", { name: "确认退款" }).click();
  await expect(panel.getByText("退款成功", { exact: true })).toHaveCount(1, { timeout: 20_000 });
  await expect(panel).toContainText("可退 ¥20.00");

  // The rest: the form offers the remainder by default.
  dialog = await refund(page, null, "活动取消");
  await expect(dialog.getByRole("alert")).toContainText("¥20.00");
  await dialog.getByRole("button", { name: "确认退款" }).click();
  await expect(panel.getByText("退款成功", { exact: true })).toHaveCount(2, { timeout: 20_000 });
  await expect(panel).toContainText("可退 ¥0.00");
  await page.reload();
  await page.waitForLoadState("networkidle");
  await expect(page.getByText("退款成功 ¥30.00")).toBeVisible();
  await expect(page.getByText("退款成功 ¥20.00")).toBeVisible();
  await expect(page.getByText("部分退款 → 已退款（退款成功）")).toBeVisible();

  // The 退款 page lists both.
  await page.getByRole("link", { name: "退款", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/refunds$/);
  const rows = page.getByRole("row").filter({ hasText: orderNo });
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "退款成功" })).toHaveCount(2);

  // The payer's receipt shows what was refunded.
  await payer.reload();
  const receipt = payer.getByTestId("receipt");
  await expect(receipt).toBeVisible();
  await expect(receipt.getByTestId("refunds")).toContainText("已退款 ¥30.00");
  await expect(receipt.getByTestId("refunds")).toContainText("已退款 ¥20.00");
});
