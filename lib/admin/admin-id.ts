import { AppError } from "@/lib/errors";

export type AdminIdContext = { params: Promise<{ id: string }> };

/** The [id] segment of an admin-management route; anything but a positive integer is a 404. */
export async function adminIdOf(ctx: AdminIdContext): Promise<number> {
  const { id } = await ctx.params;
  if (!/^[1-9]\d{0,15}$/.test(id)) throw new AppError("not_found", "管理员不存在");
  return Number(id);
}
