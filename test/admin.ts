// Signs in as an admin through the real login route, for integration tests of admin APIs.
import type { Harness } from "./harness";

export const TEST_ADMIN = { username: "admin", password: "correct-horse-battery" };

export async function ensureTestAdmin(): Promise<void> {
  const { getDb } = await import("@/db/client");
  const { getAdminByUsername } = await import("@/db/queries/admins");
  if (await getAdminByUsername(getDb(), TEST_ADMIN.username)) return;
  const { upsertAdmin } = await import("@/lib/auth/first-admin");
  await upsertAdmin(TEST_ADMIN.username, TEST_ADMIN.password);
}

export async function signInAsAdmin(h: Harness): Promise<{ cookie: string; csrfToken: string; headers: Record<string, string> }> {
  await ensureTestAdmin();
  const res = await h.postJson("/api/admin/login", TEST_ADMIN);
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const setCookie = res.headers.get("set-cookie") ?? "";
  const cookie = setCookie.split(";")[0];
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrfToken, headers: { cookie, "x-csrf-token": csrfToken } };
}
