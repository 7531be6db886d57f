// Managing admins from the console: add, change role, disable, reset a password, change one's own.
import "server-only";
import { z } from "zod";
import { getDb, transaction } from "@/db/client";
import { countOtherActiveAdmins, deleteSessionsOf, getAdminById, getAdminByUsername, insertAdmin, listAdmins, updateAdmin } from "@/db/queries/admins";
import { isUniqueViolation } from "@/db/unique-violation";
import { passwordProblem, usernameProblem } from "@/lib/auth/first-admin";
import type { AdminSession } from "@/lib/auth/guard";
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from "@/lib/auth/password";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { recordAudit } from "./audit";

const role = z.enum(["admin", "viewer"], { error: "角色应为管理员或查看者" });
const password = z
  .string({ error: "请填写密码" })
  .max(256, "密码过长")
  .refine((p) => passwordProblem(p) === null, `密码至少需要 ${MIN_PASSWORD_LENGTH} 个字符`);

export const newAdminBody = z.object({
  username: z.string({ error: "请填写用户名" }).trim().refine((u) => usernameProblem(u) === null, "用户名只能包含字母、数字、下划线、点和横线（1–64 个字符）"),
  password,
  role,
});
export const adminChangeBody = z
  .object({ role: role.optional(), disabled: z.boolean({ error: "disabled 应为是或否" }).optional() })
  .refine((b) => b.role !== undefined || b.disabled !== undefined, "没有要修改的内容");
export const resetPasswordBody = z.object({ password });
export const ownPasswordBody = z.object({ currentPassword: z.string({ error: "请填写当前密码" }).min(1, "请填写当前密码").max(256), newPassword: password });

export interface AdminSummary {
  id: number;
  username: string;
  role: "admin" | "viewer";
  roleLabel: string;
  disabled: boolean;
  createdAt: number;
}

function summary(r: { id: number; username: string; role: "admin" | "viewer"; disabledAt: number | null; createdAt: number }): AdminSummary {
  return { id: r.id, username: r.username, role: r.role, roleLabel: ROLE_LABELS[r.role], disabled: r.disabledAt !== null, createdAt: r.createdAt };
}

export async function adminSummaries(): Promise<AdminSummary[]> {
  return (await listAdmins(getDb())).map(summary);
}

export async function addAdmin(actor: AdminSession["admin"], body: unknown, req: Request): Promise<AdminSummary> {
  const input = newAdminBody.parse(body);
  const passwordHash = await hashPassword(input.password);
  try {
    // Safe under concurrency: the unique index on username decides between two racing adds.
    return await transaction(async (tx) => {
      const row = await insertAdmin(tx, { username: input.username, passwordHash, role: input.role, createdAt: Date.now() });
      await recordAudit(tx, { actor, action: "admin.create", target: `admin:${row.id}`, detail: { username: row.username, role: row.role }, req });
      return summary(row);
    });
  } catch (error) {
    if (isUniqueViolation(error, "admins", "username")) throw new AppError("conflict", "该用户名已存在");
    throw error;
  }
}

async function requireAdminRow(id: number) {
  const row = await getAdminById(getDb(), id);
  if (!row) throw new AppError("not_found", "管理员不存在");
  return row;
}

export async function changeAdmin(actor: AdminSession["admin"], id: number, body: unknown, req: Request): Promise<AdminSummary> {
  const input = adminChangeBody.parse(body);
  await requireAdminRow(id);
  const losesAdmin = input.role === "viewer" || input.disabled === true;
  if (losesAdmin && id === actor.id) throw new AppError("conflict", "不能停用自己或取消自己的管理员角色");
  // Safe at READ COMMITTED: two admins demoting each other at once could both pass the count;
  // with one acting admin per console this is accepted, and the acting admin is never affected.
  return transaction(async (tx) => {
    if (losesAdmin && (await countOtherActiveAdmins(tx, id)) === 0) throw new AppError("conflict", "至少要保留一名启用的管理员");
    const row = await updateAdmin(tx, id, {
      ...(input.role ? { role: input.role } : {}),
      ...(input.disabled !== undefined ? { disabledAt: input.disabled ? Date.now() : null } : {}),
    });
    if (!row) throw new AppError("not_found", "管理员不存在");
    if (input.disabled) await deleteSessionsOf(tx, id);
    await recordAudit(tx, { actor, action: "admin.update", target: `admin:${id}`, detail: input, req });
    return summary(row);
  });
}

export async function resetAdminPassword(actor: AdminSession["admin"], id: number, body: unknown, req: Request): Promise<void> {
  const { password: newPassword } = resetPasswordBody.parse(body);
  await requireAdminRow(id);
  const passwordHash = await hashPassword(newPassword);
  // Safe: one row's update; its old sessions end with it.
  await transaction(async (tx) => {
    await updateAdmin(tx, id, { passwordHash });
    await deleteSessionsOf(tx, id);
    await recordAudit(tx, { actor, action: "admin.reset_password", target: `admin:${id}`, req });
  });
}

export async function changeOwnPassword(actor: AdminSession["admin"], body: unknown, req: Request): Promise<void> {
  const input = ownPasswordBody.parse(body);
  const row = await getAdminByUsername(getDb(), actor.username);
  if (!row || !(await verifyPassword(row.passwordHash, input.currentPassword))) {
    throw new AppError("unprocessable_entity", "当前密码不正确", [{ field: "currentPassword", issue: "当前密码不正确" }]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  // Safe: one row's update. The current session stays; others are not ended (the admin is still signed in here).
  await transaction(async (tx) => {
    await updateAdmin(tx, row.id, { passwordHash });
    await recordAudit(tx, { actor, action: "admin.change_own_password", target: `admin:${row.id}`, req });
  });
}
