import { AppError, handleRoute, readJson } from "@/lib/errors";
import { sessionCookie } from "@/lib/auth/cookies";
import { originAllowed } from "@/lib/auth/csrf";
import { loginBody, signIn } from "@/lib/auth/login";
import { clientIp } from "@/lib/http/client-ip";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// POST /api/admin/login – sign in with username and password; sets the session cookie
export const POST = handleRoute(async (req) => {
  // No session yet, so no CSRF token: a foreign Origin is what login CSRF looks like.
  if (!originAllowed(req)) throw new AppError("forbidden", "CSRF 校验失败，请刷新页面后重试");
  const body = loginBody.parse(await readJson(req));
  const { token, csrfToken, username } = await signIn(body, clientIp(req));
  return Response.json({ username, csrfToken }, { headers: { "Set-Cookie": sessionCookie(token), "Cache-Control": "no-store" } });
});
