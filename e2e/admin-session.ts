// Shared by the console specs: the e2e server starts on a fresh database, so each spec creates its
// admin the documented way (npm run admin:create's script), then signs in through the real page.
import { execFileSync } from "node:child_process";
import type { Page } from "@playwright/test";

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

/** Fills and submits the sign-in form; the spec says what it expects to see next. */
export async function submitSignIn(page: Page, admin: AdminLogin): Promise<void> {
  await page.goto("/admin/login");
  await page.getByLabel("用户名").fill(admin.username);
  await page.getByLabel("密码").fill(admin.password);
  await page.getByRole("button", { name: "登录" }).click();
}

/** The form builder's 新字段类型 (an Ant Design Select): opens it and picks the type by its label. */
export async function chooseNewFieldType(page: Page, label: string): Promise<void> {
  await page.getByLabel("新字段类型").click();
  await page.locator(".ant-select-item-option", { hasText: label }).click();
}
