// Issue 11 in the browser: the console's pages fit a 1440 px screen and an iPhone without the
// page scrolling sideways and show no internal codes; an admin exports orders to xlsx; a 查看者
// sees no refund button; a payer who goes back after paying sees 已支付 and the receipt link;
// the payer pages load no Ant Design.
import ExcelJS from "exceljs";
import { devices, expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { createAdmin, submitSignIn } from "./admin-session";

const ADMIN = { username: "product-admin", password: "product-admin-password-1" };
const VIEWER = { username: "product-viewer", password: "product-viewer-password-1" };

test.beforeAll(() => createAdmin(ADMIN));

async function signIn(page: Page, who = ADMIN) {
  await submitSignIn(page, who);
  await expect(page).toHaveURL(/\/admin$/);
}

/** Pays the demo form by WeChat Pay through the emulator's wallet; returns the order number. */
async function payDemo(page: Page): Promise<string> {
  await page.goto("/f/demo");
  await page.getByLabel("姓名").fill("李四");
  await page.getByLabel("手机号").fill("+86 139 0000 1234");
  await page.getByLabel("周六下午").check();
  await page.getByLabel("微信支付").check();
  await page.getByRole("button", { name: "提交并支付" }).click();
  await expect(page).toHaveURL(/\/pay\/\d{24}$/);
  const codeUrl = await page.getByTestId("qr").getAttribute("data-code-url");
  const orderNo = await page.getByTestId("order-no").innerText();
  const wallet = await page.context().newPage();
  await wallet.goto(`/sandbox/wechat/wallet?code_url=${encodeURIComponent(codeUrl!)}`);
  await wallet.getByRole("button", { name: "确认支付" }).click();
  await wallet.close();
  await expect(page.getByTestId("receipt")).toBeVisible({ timeout: 20_000 });
  return orderNo;
}

// Words the console must never show: status, channel, outcome and event codes, English dates.
const INTERNAL = /\b(pending|paid|closed|failed|refunding|refunded|partially_refunded|native|jsapi|wap|applied|already_applied|no_change|unknown_order|anomaly|state_change|wechat|alipay|undefined|null|NaN|GMT|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b|\b[a-z]+_[a-z_]+\b/;

/** Visible text outside raw data (<pre>, <code>: notify bodies and URLs are shown as they are). */
async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const clone = document.body.cloneNode(true) as HTMLElement;
    clone.querySelectorAll("pre, code, script, style, [hidden], .mono").forEach((e) => e.remove());
    return clone.innerText;
  });
}

async function noSidewaysScroll(page: Page, label: string) {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll, `${label} scrolls sideways`).toBeLessThanOrEqual(client + 1);
}

async function consolePages(page: Page, orderNo: string): Promise<string[]> {
  await page.goto("/admin/forms");
  const formHref = await page.locator('a[href^="/admin/forms/"]').filter({ hasText: /读书会/ }).first().getAttribute("href");
  return ["/admin", "/admin/forms", formHref!, `${formHref}/submissions`, "/admin/orders", `/admin/orders/${orderNo}`, "/admin/refunds", "/admin/reconciliation", "/admin/accounts", "/admin/notifications", "/admin/admins", "/admin/audit", "/admin/me", "/admin/no-such-page"];
}

let paidOrderNo = "";
/** A paid order of the demo form (each test may run in a fresh worker after a failure). */
async function ensurePaidOrder(page: Page): Promise<string> {
  paidOrderNo ||= await payDemo(page);
  return paidOrderNo;
}

test("a payer who goes back after paying sees 已支付 and the receipt link", async ({ page }) => {
  paidOrderNo = await payDemo(page);
  await page.goBack();
  await expect(page).toHaveURL(/\/f\/demo$/);
  const notice = page.getByTestId("recent-paid");
  await expect(notice).toContainText("已支付");
  await expect(notice.getByRole("link", { name: "查看收据" })).toHaveAttribute("href", `/pay/${paidOrderNo}`);
});

test("the payer pages load no Ant Design, and no script but their own island", async ({ page }) => {
  const bodies: string[] = [];
  const scripts: string[] = [];
  page.on("response", async (res) => {
    if (res.request().resourceType() === "script") scripts.push(new URL(res.url()).pathname);
    if (/\.(js|css)(\?|$)/.test(res.url())) bodies.push(await res.text().catch(() => ""));
  });
  const orderNo = await ensurePaidOrder(page);
  bodies.length = 0;
  scripts.length = 0;
  await page.goto("/f/demo");
  await page.waitForLoadState("networkidle");
  expect(scripts).toEqual([expect.stringMatching(/^\/payer-assets\/form-[A-Z0-9]+\.js$/)]);
  await page.goto(`/pay/${orderNo}`);
  await page.waitForLoadState("networkidle");
  // Next's client runtime (/_next/static/chunks/…) is not loaded: the island is the page's only JS.
  expect(scripts).toEqual([expect.stringMatching(/^\/payer-assets\/form-/), expect.stringMatching(/^\/payer-assets\/pay-[A-Z0-9]+\.js$/)]);
  expect(bodies.length).toBeGreaterThan(0);
  for (const body of bodies) expect(body).not.toMatch(/ant-btn|ant-table|@ant-design/);
});

for (const [name, viewport] of [["1440 px", { width: 1440, height: 900 }], ["iPhone", devices["iPhone 13"].viewport]] as const) {
  test(`the console's pages fit a ${name} screen and show no internal codes`, async ({ browser }) => {
    // Not isMobile: a mobile browser zooms out to fit a too-wide page, which would hide the overflow this checks.
    const context = await browser.newContext({ viewport, ...(name === "iPhone" ? { userAgent: devices["iPhone 13"].userAgent, hasTouch: true } : {}) });
    const page = await context.newPage();
    await ensurePaidOrder(page);
    await signIn(page);
    for (const url of await consolePages(page, paidOrderNo)) {
      await page.goto(url);
      await page.waitForLoadState("networkidle");
      await noSidewaysScroll(page, url);
      const text = await visibleText(page);
      expect(text, url).not.toMatch(INTERNAL);
    }
    await context.close();
  });
}

test("an admin exports the orders, as filtered, to xlsx", async ({ page }) => {
  await ensurePaidOrder(page);
  await signIn(page);
  await page.goto("/admin/orders?status=paid");
  // The button carries the filters on screen; the file is fetched with the admin's session.
  const href = await page.getByTestId("export-xlsx").getAttribute("href");
  expect(href).toBe("/api/admin/orders/export?status=paid&format=xlsx");
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-disposition"]).toContain("attachment");
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await res.body()) as unknown as ArrayBuffer);
  const sheet = book.getWorksheet("订单")!;
  expect((sheet.getRow(1).values as unknown[]).slice(1, 4)).toEqual(["订单号", "表单", "支付方式"]);
  const orderNos = Array.from({ length: sheet.rowCount - 1 }, (_, i) => sheet.getRow(i + 2).getCell(1).value);
  expect(orderNos).toContain(paidOrderNo);
  for (let i = 2; i <= sheet.rowCount; i++) expect(sheet.getRow(i).getCell(4).value).toBe("已支付");
});

test("an admin filters a form's submissions to 已支付 and exports them to xlsx, with option labels", async ({ page }) => {
  await ensurePaidOrder(page);
  await signIn(page);
  const pages = await consolePages(page, paidOrderNo);
  await page.goto(`${pages[3]}?status=paid`);
  await expect(page.getByRole("cell", { name: "周六下午" }).first()).toBeVisible();
  const href = await page.getByTestId("export-submissions-xlsx").getAttribute("href");
  expect(href).toMatch(/\/submissions\/export\?status=paid&format=xlsx$/);
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await res.body()) as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  const header = sheet.getRow(1).values as unknown[];
  const statusColumn = header.indexOf("支付状态");
  expect(statusColumn).toBeGreaterThan(0);
  for (let i = 2; i <= sheet.rowCount; i++) expect(sheet.getRow(i).getCell(statusColumn).value).toBe("已支付");
  const cells = Array.from({ length: sheet.rowCount - 1 }, (_, i) => (sheet.getRow(i + 2).values as unknown[]).map(String).join("|"));
  expect(cells.some((row) => row.includes("周六下午"))).toBe(true);
});

async function apiAs(page: Page): Promise<{ request: APIRequestContext; csrf: string }> {
  const csrf = (await page.locator('meta[name="csrf-token"]').getAttribute("content"))!;
  return { request: page.request, csrf };
}

test("a 查看者 sees the order but no refund or close button, and no accounts", async ({ page, browser }) => {
  await ensurePaidOrder(page);
  await signIn(page);
  const { request, csrf } = await apiAs(page);
  const res = await request.post("/api/admin/admins", { data: { ...VIEWER, role: "viewer" }, headers: { "x-csrf-token": csrf, origin: new URL(page.url()).origin } });
  expect([201, 409]).toContain(res.status());

  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  await signIn(viewer, VIEWER);
  await viewer.goto(`/admin/orders/${paidOrderNo}`);
  await expect(viewer.getByRole("heading", { name: /订单/ }).first()).toBeVisible();
  await expect(viewer.getByRole("heading", { name: "退款", exact: true })).toBeVisible();
  await expect(viewer.getByRole("button", { name: "退款", exact: true })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "关闭订单" })).toHaveCount(0);
  await expect(viewer.getByRole("link", { name: "收款账户" })).toHaveCount(0);
  await viewer.goto("/admin/accounts");
  await expect(viewer).toHaveURL(/\/admin\?denied=1$/);
  await expect(viewer.getByText("该页面仅管理员可以查看")).toBeVisible();
  await viewerContext.close();
});
