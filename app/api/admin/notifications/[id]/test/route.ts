import { requireAdminApi } from "@/lib/auth/guard";
import { handleRoute } from "@/lib/errors";
import { audit } from "@/lib/admin/audit";
import { channelIdOf, testChannel } from "@/lib/notifications/channels";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// POST /api/admin/notifications/[id]/test – send a test message now
export const POST = handleRoute(async (req, ctx: { params: Promise<{ id: string }> }) => {
  const { admin } = await requireAdminApi(req);
  const id = channelIdOf((await ctx.params).id);
  const result = await testChannel(id);
  await audit({ actor: admin, action: "notification.test", target: `channel:${id}`, req });
  return Response.json(result);
});
