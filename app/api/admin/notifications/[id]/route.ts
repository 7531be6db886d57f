import { requireAdminApi } from "@/lib/auth/guard";
import { handleRoute, readJson } from "@/lib/errors";
import { audit } from "@/lib/admin/audit";
import { channelIdOf, editChannel, removeChannel } from "@/lib/notifications/channels";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

// PATCH /api/admin/notifications/[id] – change a channel (a blank url or secret keeps the old one)
export const PATCH = handleRoute(async (req, ctx: Ctx) => {
  const { admin } = await requireAdminApi(req);
  const id = channelIdOf((await ctx.params).id);
  const channel = await editChannel(id, await readJson(req));
  await audit({ actor: admin, action: "notification.update", target: `channel:${id}`, req });
  return Response.json(channel);
});

// DELETE /api/admin/notifications/[id]
export const DELETE = handleRoute(async (req, ctx: Ctx) => {
  const { admin } = await requireAdminApi(req);
  const id = channelIdOf((await ctx.params).id);
  await removeChannel(id);
  await audit({ actor: admin, action: "notification.delete", target: `channel:${id}`, req });
  return Response.json({ ok: true });
});
