import { requireAdminApi } from "@/lib/auth/guard";
import { handleRoute } from "@/lib/errors";
import { testAccountById } from "@/lib/accounts/test-connection";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// POST /api/admin/accounts/[id]/test – one real signed call to the platform; [id] is a stored id, env-wechat or env-alipay
export const POST = handleRoute(async (req, ctx: { params: Promise<{ id: string }> }) => {
  await requireAdminApi(req);
  return Response.json(await testAccountById((await ctx.params).id));
});
