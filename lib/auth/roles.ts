// Two roles: 管理员 may do everything; 查看者 only reads, and never sees accounts, the audit log,
// admins, channels or exports of personal data. Decided here by method and path, so admin routes
// added later (refunds, reconciliation) are covered without each remembering to ask.
import type { AdminRole } from "@/db/tables";

export const ROLE_LABELS: Record<AdminRole, string> = { admin: "管理员", viewer: "查看者" };

// Writes a 查看者 may still make: about their own session and password only.
const VIEWER_WRITES = new Set(["/api/admin/logout", "/api/admin/me/password"]);

// Reads kept from a 查看者: secrets' surroundings, who-did-what, and personal data in bulk.
const ADMIN_ONLY_READS = [/^\/api\/admin\/accounts(\/|$)/, /^\/api\/admin\/admins(\/|$)/, /^\/api\/admin\/audit(\/|$)/, /^\/api\/admin\/notifications(\/|$)/, /\/export(\/|$)/];

export function roleMayCall(role: AdminRole, method: string, pathname: string): boolean {
  if (role === "admin") return true;
  const path = pathname.replace(/\/+$/, "") || "/";
  if (method !== "GET" && method !== "HEAD") return VIEWER_WRITES.has(path);
  return !ADMIN_ONLY_READS.some((re) => re.test(path));
}

// Console pages only 管理员 opens (the pages call requireAdminPage("admin")).
export const ADMIN_ONLY_PAGES = ["/admin/accounts", "/admin/admins", "/admin/audit", "/admin/notifications"];
