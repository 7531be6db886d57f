// Shared by the console specs: the e2e server starts on a fresh database, so each spec creates its
// admin the documented way (npm run admin:create's script), then signs in through the real page.
import { execFileSync } from "node:child_process";
import { expect, type Locator, type Page } from "@playwright/test";

export interface AdminLogin {
  username: string;
  password: string;
}

export function createAdmin(admin: AdminLogin): void {
  execFileSync("npx", ["tsx", "--conditions=react-server", "scripts/admin-create.ts", admin.username], {
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL ?? ".test-data/e2e/app.db", ADMIN_PASSWORD: admin.password },
    stdio: "pipe",
  });
}

/**
 * Waits until React has hydrated the element: a click on server-rendered HTML before that is lost
 * (an Ant Design Select opens nothing, a button runs no handler). React marks each hydrated DOM
 * node with its fiber; that mark, not a timeout, says the page answers clicks now.
 */
export async function expectHydrated(target: Locator): Promise<void> {
  await expect
    .poll(() => target.evaluate((element) => Object.keys(element).some((key) => key.startsWith("__reactFiber"))), {
      message: "the element is hydrated",
    })
    .toBe(true);
}

/** Fills and submits the sign-in form; the spec says what it expects to see next. */
export async function submitSignIn(page: Page, admin: AdminLogin): Promise<void> {
  await page.goto("/admin/login");
  await expectHydrated(page.getByRole("button", { name: "登录" }));
  await page.getByLabel("用户名").fill(admin.username);
  await page.getByLabel("密码").fill(admin.password);
  await page.getByRole("button", { name: "登录" }).click();
}

/** The form builder's 新字段类型 (an Ant Design Select): opens it and picks the type by its label. */
export async function chooseNewFieldType(page: Page, label: string): Promise<void> {
  const select = page.getByLabel("新字段类型");
  await expectHydrated(select);
  await select.click();
  await page.locator(".ant-select-item-option", { hasText: label }).click();
  await expect(page.locator(".ant-select", { has: select })).toContainText(label);
}
