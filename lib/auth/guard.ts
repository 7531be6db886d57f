// The one gate in front of every admin page and admin API.
import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { readCookie, SESSION_COOKIE } from "./cookies";
import { csrfTokenMatches, isSafeMethod, originAllowed } from "./csrf";
import type { AdminRole } from "@/db/tables";
import { roleMayCall } from "./roles";
import { readSession, type AdminSession } from "./session";

export type { AdminSession };

export async function requireAdminApi(req: Request): Promise<AdminSession> {
  const session = await readSession(readCookie(req, SESSION_COOKIE));
  if (!session) throw new AppError("unauthorized", "请先登录");
  if (!isSafeMethod(req.method)) {
    if (!csrfTokenMatches(session.csrfToken, req.headers.get("x-csrf-token")) || !originAllowed(req)) {
      throw new AppError("forbidden", "CSRF 校验失败，请刷新页面后重试");
    }
  }
  if (!roleMayCall(session.admin.role, req.method, new URL(req.url).pathname)) {
    throw new AppError("forbidden", "当前账号为查看者，没有此操作的权限");
  }
  return session;
}

/** role "admin": a page only 管理员 opens (a 查看者 is sent to the overview). */
export async function requireAdminPage(role?: AdminRole): Promise<AdminSession> {
  const store = await cookies();
  const session = await readSession(store.get(SESSION_COOKIE)?.value);
  if (!session) redirect("/admin/login");
  if (role === "admin" && session.admin.role !== "admin") redirect("/admin?denied=1");
  return session;
}
