import { expect, test } from "@playwright/test";

// The push alone turns the page: SWR polling is switched off (a flag only this test sets), and no
// status request leaves the page while it waits.
test("the pay page turns to 支付成功 within 1 s of the wallet's confirm, with polling off", async ({ page, context }) => {
  await page.addInitScript(() => {
    (window as { __payPollingOff?: boolean }).__payPollingOff = true;
  });
  const statusReads: string[] = [];
  // Once told, the page loads itself again for the receipt (a new document with its own first
  // read): only the reads of the waiting document count.
  let waitingDocument = true;
  page.on("request", (request) => {
    if (waitingDocument && /\/api\/payment\/orders\/\w+$/.test(new URL(request.url()).pathname)) statusReads.push(request.url());
  });

  await page.goto("/f/demo");
  await page.getByLabel("姓名").fill("李四");
  await page.getByLabel("手机号").fill("13900139000");
  await page.getByLabel("周六下午").check();
  await page.getByLabel("微信支付").check();
  const stream = page.waitForResponse((response) => response.url().endsWith("/events"));
  await page.getByRole("button", { name: "提交并支付" }).click();
  await expect(page).toHaveURL(/\/pay\/\d{24}$/);
  expect((await stream).headers()["content-type"]).toContain("text/event-stream");

  const walletHref = await page.getByRole("link", { name: "打开模拟器钱包（代替手机扫码）" }).getAttribute("href");
  const wallet = await context.newPage();
  await wallet.goto(walletHref!);
  statusReads.length = 0; // from here on, only the push may tell the page (SWR's read on mount came before)
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) waitingDocument = false;
  });
  await wallet.getByRole("button", { name: "确认支付" }).click();
  await expect(page.getByText(/支付成功/).first()).toBeVisible({ timeout: 1_000 });
  await expect(page.getByTestId("receipt")).toBeVisible();
  expect(statusReads).toEqual([]);
});
