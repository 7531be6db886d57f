// Sign-in, lock-out, session expiry, CSRF and sign-out, through the real admin routes.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startHarness, type Harness } from "./harness";
import { signInAsAdmin, TEST_ADMIN, ensureTestAdmin } from "./admin";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await ensureTestAdmin();
});
afterAll(() => h.close());

const { getDb } = await import("@/db/client");
const { adminSessions, loginThrottle } = await import("@/db/schema");
const { hashToken } = await import("@/lib/auth/session");
const { eq } = await import("drizzle-orm");

const login = (username: string, password: string, headers: Record<string, string> = {}) =>
  h.postJson("/api/admin/login", { username, password }, headers);
const logout = (headers: Record<string, string>) => h.fetch("/api/admin/logout", { method: "POST", headers });

describe("sign-in", () => {
  test("the right password signs in with an httpOnly, SameSite cookie and a CSRF token", async () => {
    const res = await login(TEST_ADMIN.username, TEST_ADMIN.password);
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^admin_session=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/");
    expect(cookie).toContain("Max-Age=43200");
    expect(cookie).not.toContain("Secure"); // http demo
    const body = await res.json();
    expect(body.csrfToken).toEqual(expect.any(String));
  });

  test("a wrong password is 401, and so is an unknown user, with the same message", async () => {
    const wrong = await login(TEST_ADMIN.username, "not-the-password");
    expect(wrong.status).toBe(401);
    const unknown = await login("nobody", "not-the-password");
    expect(unknown.status).toBe(401);
    expect((await wrong.json()).error.message).toBe((await unknown.json()).error.message);
    await login(TEST_ADMIN.username, TEST_ADMIN.password); // clears the count for later tests
  });

  test("an empty body field is 422 per field", async () => {
    const res = await login("", "");
    expect(res.status).toBe(422);
    const fields = (await res.json()).error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(["username", "password"]));
  });

  test("five failures lock the name for 15 minutes (429, even with the right password); it lifts after the window", async () => {
    for (let i = 0; i < 5; i++) expect((await login("Admin", `wrong-${i}`)).status).toBe(401);
    const locked = await login(TEST_ADMIN.username, TEST_ADMIN.password);
    expect(locked.status).toBe(429);
    expect((await locked.json()).error.message).toMatch(/分钟后再试/);
    const row = getDb().select().from(loginThrottle).where(eq(loginThrottle.key, "admin")).get()!;
    expect(row.lockedUntil! - Date.now()).toBeGreaterThan(14 * 60_000);

    getDb().update(loginThrottle).set({ lockedUntil: Date.now() - 1 }).where(eq(loginThrottle.key, "admin")).run();
    expect((await login(TEST_ADMIN.username, TEST_ADMIN.password)).status).toBe(200);
    expect(getDb().select().from(loginThrottle).where(eq(loginThrottle.key, "admin")).get()).toBeUndefined();
  }, 30_000);

  test("a burst of parallel guesses can't get past the limit", async () => {
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => login("burst-user", `guess-${i}`)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(7);
  }, 30_000);
});

describe("sessions and CSRF", () => {
  const probe = (headers: Record<string, string>) => logoutProbe(headers);
  // A state-changing admin route that does nothing harmful: logout of a throwaway session.
  async function logoutProbe(headers: Record<string, string>) {
    return logout(headers);
  }

  test("an expired session is refused with 401", async () => {
    const { cookie, headers } = await signInAsAdmin(h);
    const token = cookie.split("=")[1];
    getDb().update(adminSessions).set({ expiresAt: Date.now() - 1000 }).where(eq(adminSessions.tokenHash, hashToken(token))).run();
    expect((await probe(headers)).status).toBe(401);
  });

  test("a missing or wrong x-csrf-token is 403", async () => {
    const { cookie, csrfToken } = await signInAsAdmin(h);
    expect((await probe({ cookie })).status).toBe(403);
    expect((await probe({ cookie, "x-csrf-token": `${csrfToken}x` })).status).toBe(403);
    expect((await probe({ cookie, "x-csrf-token": "" })).status).toBe(403);
  });

  test("a foreign Origin is 403 even with the right token; our own origin passes", async () => {
    const { headers } = await signInAsAdmin(h);
    expect((await probe({ ...headers, origin: "https://evil.example" })).status).toBe(403);
    expect((await probe({ ...headers, origin: h.baseUrl })).status).toBe(200);
  });

  test("login from a foreign Origin is refused", async () => {
    expect((await login(TEST_ADMIN.username, TEST_ADMIN.password, { origin: "https://evil.example" })).status).toBe(403);
  });

  test("sign-out deletes the session: the old cookie no longer works", async () => {
    const { cookie, headers } = await signInAsAdmin(h);
    const res = await logout(headers);
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toContain("Max-Age=0");
    const token = cookie.split("=")[1];
    expect(getDb().select().from(adminSessions).where(eq(adminSessions.tokenHash, hashToken(token))).get()).toBeUndefined();
    expect((await logout(headers)).status).toBe(401);
  });

  test("only the token's hash is stored", async () => {
    const { cookie } = await signInAsAdmin(h);
    const token = cookie.split("=")[1];
    const rows = getDb().select().from(adminSessions).all();
    expect(rows.some((r) => r.tokenHash === token)).toBe(false);
    expect(rows.some((r) => r.tokenHash === hashToken(token))).toBe(true);
  });
});
