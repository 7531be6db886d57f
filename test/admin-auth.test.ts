// Sign-in, lock-out per address, the global slowdown, session expiry, CSRF and sign-out, through the real admin routes.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startHarness, type Harness } from "./harness";
import { signInAsAdmin, TEST_ADMIN, ensureTestAdmin } from "./admin";

let h: Harness;
beforeAll(async () => {
  // One proxy in front, as behind nginx: the X-Forwarded-For a test sends is the client's address.
  h = await startHarness({ env: { TRUST_PROXY: "1" } });
  await ensureTestAdmin();
});
afterAll(() => h.close());

const { getDb } = await import("@/db/client");
const { adminSessions, loginThrottle } = await import("@/db/schema");
const { hashToken } = await import("@/lib/auth/session");
const { GLOBAL_SLOWDOWN_AFTER, throttleKey } = await import("@/lib/auth/throttle");
const { eq, like } = await import("drizzle-orm");

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

  test("five failures lock the name for this address for 15 minutes (429, even with the right password); it lifts after the window", async () => {
    for (let i = 0; i < 5; i++) expect((await login("Admin", `wrong-${i}`)).status).toBe(401);
    const locked = await login(TEST_ADMIN.username, TEST_ADMIN.password);
    expect(locked.status).toBe(429);
    expect((await locked.json()).error.message).toMatch(/分钟后再试/);
    const key = throttleKey("admin", "127.0.0.1"); // no X-Forwarded-For sent: the socket's address
    const row = (await getDb().select().from(loginThrottle).where(eq(loginThrottle.key, key)))[0];
    expect(row.lockedUntil! - Date.now()).toBeGreaterThan(14 * 60_000);

    await getDb().update(loginThrottle).set({ lockedUntil: Date.now() - 1 }).where(eq(loginThrottle.key, key));
    expect((await login(TEST_ADMIN.username, TEST_ADMIN.password)).status).toBe(200);
    expect(await getDb().select().from(loginThrottle).where(eq(loginThrottle.key, key))).toEqual([]);
  }, 30_000);

  test("a stranger locking the name out from one address does not stop the admin signing in from another", async () => {
    const stranger = { "x-forwarded-for": "203.0.113.66" };
    const admin = { "x-forwarded-for": "198.51.100.7" };
    for (let i = 0; i < 5; i++) expect((await login(TEST_ADMIN.username, `guess-${i}`, stranger)).status).toBe(401);
    expect((await login(TEST_ADMIN.username, TEST_ADMIN.password, stranger)).status).toBe(429);
    expect((await login(TEST_ADMIN.username, TEST_ADMIN.password, admin)).status).toBe(200);
    // …and the stranger is still locked out after the admin's success.
    expect((await login(TEST_ADMIN.username, TEST_ADMIN.password, stranger)).status).toBe(429);
  }, 30_000);

  test("many failures from everywhere slow every sign-in down, but the admin still gets in", async () => {
    const tries = Array.from({ length: GLOBAL_SLOWDOWN_AFTER }, (_, i) =>
      login(`someone-${i}`, "wrong-password", { "x-forwarded-for": `192.0.2.${i + 1}` }),
    );
    expect((await Promise.all(tries)).map((r) => r.status)).toEqual(Array(GLOBAL_SLOWDOWN_AFTER).fill(401));
    const started = Date.now();
    const res = await login(TEST_ADMIN.username, TEST_ADMIN.password, { "x-forwarded-for": "198.51.100.8" });
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    await getDb().delete(loginThrottle).where(like(loginThrottle.key, "global:%")); // later tests sign in at full speed
    const fast = Date.now();
    expect((await login(TEST_ADMIN.username, TEST_ADMIN.password, { "x-forwarded-for": "198.51.100.8" })).status).toBe(200);
    expect(Date.now() - fast).toBeLessThan(1000);
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
    await getDb().update(adminSessions).set({ expiresAt: Date.now() - 1000 }).where(eq(adminSessions.tokenHash, hashToken(token)));
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
    expect(await getDb().select().from(adminSessions).where(eq(adminSessions.tokenHash, hashToken(token)))).toEqual([]);
    expect((await logout(headers)).status).toBe(401);
  });

  test("only the token's hash is stored", async () => {
    const { cookie } = await signInAsAdmin(h);
    const token = cookie.split("=")[1];
    const rows = await getDb().select().from(adminSessions);
    expect(rows.some((r) => r.tokenHash === token)).toBe(false);
    expect(rows.some((r) => r.tokenHash === hashToken(token))).toBe(true);
  });
});
