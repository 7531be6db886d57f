// Every page and API of the production server answers with the security headers (issue 7), found
// by walking app/ so a new route cannot be forgotten; redirects, 401s and 404s included. And the
// policy does not break the pages: they render and hydrate with no CSP violation.
import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIResponse, type Page } from "@playwright/test";

const APP = path.resolve(__dirname, "..", "app");
// The payer's form and pay pages are served by the Pages Router, outside Next's client runtime.
const PAGES = path.resolve(__dirname, "..", "pages");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"] as const;

function walk(dir: string, name: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full, name) : entry.name === name ? [full] : [];
  });
}

/** app/api/forms/[slug]/route.ts → /api/forms/demo; other dynamic segments get a value that exists nowhere. */
function urlOf(file: string, root = APP): string {
  const segments = path.relative(root, path.dirname(file)).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s));
  return `/${segments
    .map((s) => (s === "[slug]" ? "demo" : /^\[\.\.\..+\]$/.test(s) ? "x/y" : /^\[.+\]$/.test(s) ? "1" : s))
    .join("/")}`;
}

function exportedMethods(file: string): string[] {
  const source = fs.readFileSync(file, "utf8");
  return METHODS.filter((m) => new RegExp(`export\\s+(const|async\\s+function|function)\\s+${m}\\b`).test(source));
}

/** pages/pay/[orderNo].tsx → /pay/1; _app, _document, 404 and 500 are no addresses of their own. */
function pagesRouterPages(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return pagesRouterPages(full);
    const name = entry.name.replace(/\.tsx$/, "");
    if (name === entry.name || /^(_app|_document|404|500)$/.test(name)) return [];
    return [urlOf(path.join(full.replace(/\.tsx$/, ""), "page.tsx"), PAGES)];
  });
}

const pages = [...walk(APP, "page.tsx").map((file) => urlOf(file)), ...pagesRouterPages(PAGES)];
const routes = walk(APP, "route.ts").map((file) => ({ url: urlOf(file), methods: exportedMethods(file) }));

const PAYER_PAGES = /^\/(f|pay|sandbox)\//;

function expectSecurityHeaders(res: APIResponse, label: string, pathname: string) {
  const headers = res.headers();
  const csp = headers["content-security-policy"];
  expect(csp, `${label}: Content-Security-Policy`).toBeTruthy();
  // One policy, not two that browsers would both enforce.
  expect(res.headersArray().filter((h) => h.name.toLowerCase() === "content-security-policy"), label).toHaveLength(1);
  expect(csp, label).toMatch(/default-src '(self|none)'/);
  expect(headers["x-content-type-options"], label).toBe("nosniff");
  expect(headers["referrer-policy"], label).toBe("strict-origin-when-cross-origin");
  // The suite's server is plain http: no HSTS.
  expect(headers["strict-transport-security"], label).toBeUndefined();
  if (PAYER_PAGES.test(pathname)) {
    // The emulator (on in this suite) frames the payer's pages in its phone frame, from our own origin only.
    expect(csp, label).toMatch(/frame-ancestors '(none|self)'/);
    expect(headers["x-frame-options"], label).toMatch(/^(DENY|SAMEORIGIN)$/);
  } else {
    expect(csp, label).toContain("frame-ancestors 'none'");
    expect(headers["x-frame-options"], label).toBe("DENY");
  }
}

test("the walk finds the pages and routes", () => {
  expect(pages).toEqual(expect.arrayContaining(["/", "/f/demo", "/pay/1", "/admin/login", "/admin/orders/1"]));
  expect(routes.map((r) => r.url)).toEqual(expect.arrayContaining(["/api/payment/orders", "/api/admin/forms", "/api/payment/wechat/notify"]));
  expect(routes.every((r) => r.methods.length > 0)).toBe(true);
});

test("every page answers with the security headers and a fresh nonce", async ({ request }) => {
  for (const url of [...pages, "/no-such-page"]) {
    const first = await request.get(url, { maxRedirects: 0 });
    expectSecurityHeaders(first, `GET ${url} (${first.status()})`, url);
    const nonce = /'nonce-([^']+)'/.exec(first.headers()["content-security-policy"])?.[1];
    expect(nonce, `GET ${url}: a nonce`).toBeTruthy();
    const second = await request.get(url, { maxRedirects: 0 });
    expect(second.headers()["content-security-policy"], `GET ${url}: a new nonce per request`).not.toContain(nonce);
  }
});

test("every API route answers every method it has with the security headers", async ({ request }) => {
  for (const { url, methods } of routes) {
    for (const method of methods) {
      const res = await request.fetch(url, { method, maxRedirects: 0 });
      expectSecurityHeaders(res, `${method} ${url} (${res.status()})`, url);
    }
  }
});

test("requests with a body (which skip the proxy) still get the headers", async ({ request }) => {
  const json = await request.post("/api/payment/orders", { data: { formSlug: "demo" } });
  expect(json.status()).toBe(422);
  expectSecurityHeaders(json, "POST /api/payment/orders with a body", "/api/payment/orders");
  const login = await request.post("/api/admin/login", { data: { username: "nobody", password: "x" } });
  expectSecurityHeaders(login, `POST /api/admin/login (${login.status()})`, "/api/admin/login");
  const unauthorised = await request.post("/api/admin/forms", { data: {} });
  expect(unauthorised.status()).toBe(401);
  expectSecurityHeaders(unauthorised, "POST /api/admin/forms without a session", "/api/admin/forms");
});

test("an oversized JSON body is refused with 413", async ({ request }) => {
  const res = await request.post("/api/payment/orders", { data: { formSlug: "demo", answers: { filler: "x".repeat(1024 * 1024) }, provider: "wechat" } });
  expect(res.status()).toBe(413);
  expect((await res.json()).error.message).toBe("请求内容过大");
});

/** Opens a page and collects the CSP violations the browser reports. */
async function violationsOn(page: Page, url: string): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto(url);
  await page.waitForLoadState("networkidle");
  return violations;
}

test("the pages render and hydrate under the policy: no violation on the form, pay page, wallet, cashier, console", async ({ page, request }) => {
  expect(await violationsOn(page, "/")).toEqual([]);

  expect(await violationsOn(page, "/f/demo")).toEqual([]);
  // Hydrated: the client-side validation answers a click.
  await page.getByRole("button", { name: "提交并支付" }).click();
  await expect(page.getByText("请填写姓名")).toBeVisible();

  const created = await request.post("/api/payment/orders", {
    data: { formSlug: "demo", answers: { name: "张三", phone: "13800138000", session: "sat" }, provider: "wechat" },
  });
  expect(created.status()).toBe(201);
  const order = (await created.json()) as { orderNo: string; codeUrl: string };
  expect(await violationsOn(page, `/pay/${order.orderNo}`)).toEqual([]);
  await expect(page.getByTestId("qr").locator("svg")).toBeVisible();

  expect(await violationsOn(page, `/sandbox/wechat/wallet?code_url=${encodeURIComponent(order.codeUrl)}`)).toEqual([]);

  const alipay = await request.post("/api/payment/orders", {
    data: { formSlug: "demo", answers: { name: "李四", phone: "13900139000", session: "sat" }, provider: "alipay" },
  });
  expect(alipay.status()).toBe(201);
  const { payUrl } = (await alipay.json()) as { payUrl: string };
  expect(await violationsOn(page, payUrl)).toEqual([]);
  await expect(page).toHaveURL(/\/sandbox\/alipay\/cashier\//);

  expect(await violationsOn(page, "/admin/login")).toEqual([]);
  await expect(page.getByRole("button", { name: /登录/ })).toBeVisible();
});

test("the admin console cannot be framed, even by our own pages", async ({ page }) => {
  await page.goto("/f/demo");
  const blocked = page.waitForEvent("console", (m) => /frame-ancestors|X-Frame-Options|Refused to display/i.test(m.text()));
  await page.evaluate(() => {
    const frame = document.createElement("iframe");
    frame.src = "/admin/login";
    document.body.appendChild(frame);
  });
  expect((await blocked).text()).toMatch(/frame-ancestors|X-Frame-Options/);
});
