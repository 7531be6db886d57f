import { handleRoute } from "@/lib/errors";
import { clearedSessionCookie, readCookie, SESSION_COOKIE } from "@/lib/auth/cookies";
import { requireAdminApi } from "@/lib/auth/guard";
import { signOut } from "@/lib/auth/login";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// POST /api/admin/logout – sign out: deletes the session and clears the cookie
export const POST = handleRoute(async (req) => {
  await requireAdminApi(req);
  await signOut(readCookie(req, SESSION_COOKIE));
  return Response.json({ ok: true }, { headers: { "Set-Cookie": clearedSessionCookie() } });
});
