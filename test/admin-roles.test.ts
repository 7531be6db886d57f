// Roles, admin management and the audit log through the real routes: a 查看者 reads but gets 403
// on every write (refunds included, a route added later), on accounts, exports and the audit
// log; a disabled admin is signed out at once; every write lands in the audit log with its address.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startHarness, type Harness } from "./harness";
import { signInAsAdmin } from "./admin";

let h: Harness;
let admin: Record<string, string>;
beforeAll(async () => {
  h = await startHarness();
  admin = (await signInAsAdmin(h)).headers;
});
afterAll(() => h.close());

async function signIn(username: string, password: string) {
  const res = await h.postJson("/api/admin/login", { username, password });
  if (res.status !== 200) return { status: res.status, headers: {} as Record<string, string> };
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0];
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { status: 200, headers: { cookie, "x-csrf-token": csrfToken } };
}

async function send(method: string, url: string, headers: Record<string, string>, body?: unknown) {
  return h.fetch(url, { method, headers: { ...headers, "content-type": "application/json", "x-forwarded-for": "203.0.113.9" }, body: body === undefined ? undefined : JSON.stringify(body) });
}

describe("roles", () => {
  let viewer: Record<string, string>;
  let viewerId: number;
  beforeAll(async () => {
    const res = await send("POST", "/api/admin/admins", admin, { username: "viewer1", password: "viewer-password-1", role: "viewer" });
    expect(res.status).toBe(201);
    viewerId = ((await res.json()) as { id: number }).id;
    viewer = (await signIn("viewer1", "viewer-password-1")).headers;
  });

  test("a 查看者 reads orders, forms and the dashboard", async () => {
    for (const url of ["/api/admin/orders", "/api/admin/forms", "/api/admin/dashboard"]) {
      expect((await send("GET", url, viewer)).status, url).toBe(200);
    }
  });

  test("a 查看者 gets 403 on refunds, accounts, exports, admins and the audit log", async () => {
    const refused: Array<[string, string, unknown?]> = [
      ["POST", "/api/admin/orders/20260301000000000000001/close", {}],
      ["GET", "/api/admin/accounts"],
      ["POST", "/api/admin/accounts", {}],
      ["GET", "/api/admin/forms/1/submissions/export"],
      ["GET", "/api/admin/orders/export"],
      ["GET", "/api/admin/admins"],
      ["GET", "/api/admin/audit"],
      ["POST", "/api/admin/forms", {}],
    ];
    for (const [method, url, body] of refused) {
      const res = await send(method, url, viewer, body);
      expect(res.status, `${method} ${url}`).toBe(403);
      const { error } = (await res.json()) as { error: { message: string } };
      expect(error.message).toContain("查看者");
    }
  });

  test("a 查看者 is refused refunds by the guard itself, whichever route adds them", async () => {
    const url = "/api/admin/orders/20260301000000000000001/refunds";
    const routeFile = path.resolve(__dirname, "../app/api/admin/orders/[orderNo]/refunds/route.ts");
    if (fs.existsSync(routeFile)) {
      expect((await send("POST", url, viewer, { amountFen: 1, reason: "测试" })).status).toBe(403);
    }
    const { requireAdminApi } = await import("@/lib/auth/guard");
    const req = new Request(`${h.baseUrl}${url}`, { method: "POST", headers: { ...viewer, origin: h.baseUrl } });
    await expect(requireAdminApi(req)).rejects.toMatchObject({ code: "forbidden" });
    const asAdmin = new Request(`${h.baseUrl}${url}`, { method: "POST", headers: { ...admin, origin: h.baseUrl } });
    await expect(requireAdminApi(asAdmin)).resolves.toMatchObject({ admin: { role: "admin" } });
  });

  test("a 查看者 may change their own password", async () => {
    const res = await send("POST", "/api/admin/me/password", viewer, { currentPassword: "viewer-password-1", newPassword: "viewer-password-2" });
    expect(res.status).toBe(200);
    expect((await signIn("viewer1", "viewer-password-2")).status).toBe(200);
    const wrong = await send("POST", "/api/admin/me/password", viewer, { currentPassword: "nope", newPassword: "viewer-password-3" });
    expect(wrong.status).toBe(422);
  });

  test("disabling an admin ends their sessions and refuses their sign-in; the last 管理员 stays", async () => {
    const res = await send("PATCH", `/api/admin/admins/${viewerId}`, admin, { disabled: true });
    expect(res.status).toBe(200);
    expect((await send("GET", "/api/admin/orders", viewer)).status).toBe(401);
    expect((await signIn("viewer1", "viewer-password-2")).status).toBe(401);
    const list = (await (await send("GET", "/api/admin/admins", admin)).json()) as { items: Array<{ id: number; username: string; roleLabel: string; disabled: boolean }> };
    const me = list.items.find((a) => a.username === "admin")!;
    expect(list.items.find((a) => a.id === viewerId)).toMatchObject({ disabled: true, roleLabel: "查看者" });
    expect((await send("PATCH", `/api/admin/admins/${me.id}`, admin, { role: "viewer" })).status).toBe(409);
  });

  test("a reset password works and an added name that exists is refused", async () => {
    expect((await send("PATCH", `/api/admin/admins/${viewerId}`, admin, { disabled: false })).status).toBe(200);
    expect((await send("POST", `/api/admin/admins/${viewerId}/password`, admin, { password: "short" })).status).toBe(422);
    expect((await send("POST", `/api/admin/admins/${viewerId}/password`, admin, { password: "a-new-password-9" })).status).toBe(200);
    expect((await signIn("viewer1", "a-new-password-9")).status).toBe(200);
    expect((await send("POST", "/api/admin/admins", admin, { username: "viewer1", password: "viewer-password-1", role: "viewer" })).status).toBe(409);
  });
});

describe("audit log", () => {
  test("records each write with who, what and where, in Chinese, newest first", async () => {
    const created = await send("POST", "/api/admin/forms", admin, { title: "审计测试", slug: "audit-test", fields: [{ id: "name", type: "text", label: "姓名", required: true }] });
    expect(created.status).toBe(201);
    const formId = ((await created.json()) as { id: number }).id;
    expect((await send("POST", `/api/admin/forms/${formId}/publish`, admin, {})).status).toBe(200);
    const res = await send("GET", "/api/admin/audit", admin);
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: Array<{ adminName: string; action: string; actionLabel: string; target: string; ip: string; createdAt: number }> };
    expect(items[0]).toMatchObject({ adminName: "admin", action: "form.publish", actionLabel: "发布表单", target: `form:${formId}` });
    expect(items[0].ip).toMatch(/^[0-9a-f.:]+$/);
    expect(items[1]).toMatchObject({ action: "form.create", actionLabel: "新建表单" });
    const actions = items.map((i) => i.action);
    for (const a of ["admin.create", "admin.update", "admin.reset_password", "admin.change_own_password"]) expect(actions).toContain(a);
  });
});
