import { requireAdminApi } from "@/lib/auth/guard";
import { handleRoute } from "@/lib/errors";
import { idParam } from "@/lib/reconciliation/input";
import { dayViewById } from "@/lib/reconciliation/views";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/admin/reconciliation/days/[id] – one reconciled day with its differences
export const GET = handleRoute(async (req, ctx: { params: Promise<{ id: string }> }) => {
  await requireAdminApi(req);
  return Response.json(await dayViewById(idParam((await ctx.params).id, "一天的对账结果")));
});
