import { requireAdminApi } from "@/lib/auth/guard";
import { handleRoute, readJson } from "@/lib/errors";
import { idParam, resolveBody } from "@/lib/reconciliation/input";
import { resolveDifference } from "@/lib/reconciliation/resolve";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// POST /api/admin/reconciliation/differences/[id]/resolve – 标记已处理 (note) or 以平台为准; answers the day
export const POST = handleRoute(async (req, ctx: { params: Promise<{ id: string }> }) => {
  const { admin } = await requireAdminApi(req);
  const id = idParam((await ctx.params).id, "条对账差异");
  const body = resolveBody.parse(await readJson(req));
  return Response.json(await resolveDifference(id, body, admin, req));
});
