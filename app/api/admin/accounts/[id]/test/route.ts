import { requireAdminApi } from "@/lib/auth/guard";
import { handleRoute } from "@/lib/errors";
import { testAccountById } from "@/lib/accounts/test-connection";
import { audit } from "@/lib/admin/audit";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// POST /api/admin/accounts/[id]/test – one real signed call to the platform; [id] is a stored id, env-wechat or env-alipay
export const POST = handleRoute(async (req, ctx: { params: Promise<{ id: string }> }) => {
  const { admin } = await requireAdminApi(req);
  const { id } = await ctx.params;
  const result = await testAccountById(id);
  await audit({ actor: admin, action: "account.test", target: `account:${id}`, req });
  return Response.json(result);
});
