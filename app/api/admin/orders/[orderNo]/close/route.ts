import { requireAdminApi } from "@/lib/auth/guard";
import { handleRoute } from "@/lib/errors";
import { audit } from "@/lib/admin/audit";
import { closeOrderByAdmin } from "@/lib/admin/orders-close";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// POST /api/admin/orders/[orderNo]/close – close a pending order, at the platform first
export const POST = handleRoute(async (req, ctx: { params: Promise<{ orderNo: string }> }) => {
  const { admin } = await requireAdminApi(req);
  const { orderNo } = await ctx.params;
  const result = await closeOrderByAdmin(orderNo, admin.username);
  await audit({ actor: admin, action: "order.close", target: orderNo, detail: { status: result.status }, req });
  return Response.json(result);
});
