// Every admin API and every admin page, found by walking the filesystem (so a new one can't be
// forgotten), refuses a visitor without a session: APIs answer 401, pages redirect to sign-in.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { startHarness, type Harness } from "./harness";

// Pages read the session through next/headers; here, a request that carries no cookies.
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false }),
  headers: async () => new Headers(),
}));

const ROOT = path.resolve(__dirname, "..");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"] as const;

function walk(dir: string, name: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full, name) : entry.name === name ? [full] : [];
  });
}

/** app/api/admin/orders/[orderNo]/route.ts → /api/admin/orders/1 */
function urlOf(file: string): string {
  const segments = path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep);
  return `/${segments.filter((s) => !/^\(.*\)$/.test(s)).map((s) => (/^\[.+\]$/.test(s) ? "1" : s)).join("/")}`;
}

const apiRoutes = walk(path.join(ROOT, "app", "api", "admin"), "route.ts").filter((f) => urlOf(f) !== "/api/admin/login");
const pages = walk(path.join(ROOT, "app", "admin"), "page.tsx").filter((f) => !f.includes(`${path.sep}login${path.sep}`));

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe("admin APIs without a session", () => {
  test("the walk finds the routes", () => {
    expect(apiRoutes.length).toBeGreaterThanOrEqual(8);
    expect(apiRoutes.map(urlOf)).toContain("/api/admin/forms");
  });

  test.each(apiRoutes.map((f) => [urlOf(f), f]))("%s answers 401 to every method", async (url, file) => {
    const mod = (await import(file)) as Record<string, unknown>;
    const methods = METHODS.filter((m) => typeof mod[m] === "function");
    expect(methods.length).toBeGreaterThan(0);
    for (const method of methods) {
      const body = method === "GET" || method === "HEAD" ? undefined : "{}";
      const res = await h.fetch(url, { method, body, headers: { "content-type": "application/json" } });
      expect(res.status, `${method} ${url}`).toBe(401);
    }
    // A cookie that is not a live session is no better than none.
    const res = await h.fetch(url, { method: methods[0], headers: { cookie: "admin_session=forged-token" } });
    expect(res.status, `${methods[0]} ${url} with a forged cookie`).toBe(401);
  });
});

describe("admin pages without a session", () => {
  test("the walk finds the pages", () => {
    expect(pages.length).toBeGreaterThanOrEqual(4);
  });

  // Layouts are not re-rendered on client navigation, so each page checks the session itself.
  test.each(pages.map((f) => [path.relative(ROOT, f), f]))("%s calls requireAdminPage and redirects to /admin/login", async (_name, file) => {
    expect(fs.readFileSync(file, "utf8")).toMatch(/\brequireAdminPage\((?:"admin")?\)/);
    const mod = (await import(file)) as { default: (props: unknown) => Promise<unknown> };
    const anyParam = new Proxy({}, { get: (_t, key) => (typeof key === "string" ? "1" : undefined) });
    const props = { params: Promise.resolve(anyParam), searchParams: Promise.resolve({}) };
    const error = await mod.default(props).then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as { digest?: string } | null)?.digest ?? String(error)).toMatch(/^NEXT_REDIRECT;replace;\/admin\/login;307;/);
  });

  test("the console layout checks the session too", async () => {
    const { default: Layout } = await import("@/app/admin/(console)/layout");
    const error = await Layout({ children: null }).then(() => null, (e: unknown) => e);
    expect((error as { digest?: string }).digest).toMatch(/^NEXT_REDIRECT;replace;\/admin\/login;/);
  });
});
