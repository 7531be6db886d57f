import { expect, test, type Page } from "@playwright/test";
import { createAdmin, submitSignIn } from "./admin-session";

// An admin opens 对账, runs today for the WeChat account, sees the payment the platform has and we
// do not (a lost notify on an order we had closed), resolves it with 以平台为准, and the day is 已平.
const ADMIN = { username: "reconcile-admin", password: "reconcile-admin-password-1" };
const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

test.beforeAll(() => createAdmin(ADMIN));

async function signIn(page: Page) {
  await submitSignIn(page, ADMIN);
  await expect(page.getByRole("link", { name: "对账" })).toBeVisible();
}

test("a planted difference is found, resolved with 以平台为准, and the day shows 已平", async ({ page, request }) => {
  // The payer's WeChat order is replaced by an Alipay one (closed at WeChat and here); then WeChat
  // takes the payment anyway and its notify is lost.
  const created = await request.post("/api/payment/orders", { data: { formSlug: "demo", answers: { name: "对账测试", phone: "13911112222", session: "sat" }, provider: "wechat" } });
  expect(created.status()).toBe(201);
  const { orderNo } = (await created.json()) as { orderNo: string };
  expect((await request.post(`/api/payment/orders/${orderNo}/pay-again`, { data: { provider: "alipay" } })).status()).toBeLessThan(300);
  expect((await request.post("/sandbox/wechat/control", { data: { action: "set_fault", outTradeNo: orderNo, fault: { notify: "drop" } } })).ok()).toBe(true);
  expect((await request.post("/sandbox/wechat/control", { data: { action: "pay_after_close", outTradeNo: orderNo } })).ok()).toBe(true);
  expect((await request.post("/sandbox/wechat/control/bills", { data: { action: "set_bill_day", date: today, availability: "ready" } })).ok()).toBe(true);

  await signIn(page);
  await page.getByRole("link", { name: "对账" }).click();
  await expect(page.getByRole("heading", { name: "对账" })).toBeVisible();
  const date = page.getByLabel("账单日期");
  await date.click();
  await date.fill(today);
  await page.getByRole("heading", { name: "对账" }).click(); // closes the calendar, keeping the typed day
  await expect(date).toHaveValue(today);
  await page.getByRole("button", { name: "开始对账" }).click();

  await expect(page).toHaveURL(/\/admin\/reconciliation\/\d+$/);
  await expect(page.getByTestId("day-status")).toHaveText("有差异");
  const row = page.getByRole("row").filter({ hasText: orderNo });
  await expect(row).toContainText("平台有、我方无");
  await row.getByRole("button", { name: "以平台为准" }).click();
  await expect(row).toContainText("已以平台为准");
  await expect(row).toContainText(ADMIN.username);

  // Differences left by other specs on this shared server, if any, are handled with a note.
  for (;;) {
    const open = page.getByRole("button", { name: "标记已处理" });
    if ((await open.count()) === 0) break;
    await open.first().click();
    await page.getByLabel("处理说明").fill("其他测试留下的差异，已核实");
    await page.getByRole("button", { name: "确 定" }).or(page.getByRole("button", { name: "确定" })).click();
    await expect(page.getByRole("dialog")).toBeHidden();
  }
  await expect(page.getByTestId("day-status")).toHaveText("已平");

  // The order itself is now paid, flagged as a late payment.
  await page.getByRole("link", { name: orderNo }).click();
  await expect(page.getByText("已支付").first()).toBeVisible();
  await expect(page.getByText("迟到支付").first()).toBeVisible();
});
