import { AppError } from "@/lib/errors";

export type FormIdContext = { params: Promise<{ id: string }> };

/** The [id] segment of an admin form route; anything but a positive integer is a 404. */
export async function formIdOf(ctx: FormIdContext): Promise<number> {
  const { id } = await ctx.params;
  if (!/^[1-9]\d{0,15}$/.test(id)) throw new AppError("not_found", "表单不存在");
  return Number(id);
}
