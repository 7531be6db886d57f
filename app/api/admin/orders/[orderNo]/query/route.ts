import { requireAdminApi } from "@/lib/auth/guard";
import { handleRoute } from "@/lib/errors";
import { requeryOrder } from "@/lib/admin/orders-requery";
import { audit } from "@/lib/admin/audit";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// POST /api/admin/orders/[orderNo]/query – ask the platform now and apply what it says
export const POST = handleRoute(async (req, ctx: { params: Promise<{ orderNo: string }> }) => {
  const { admin } = await requireAdminApi(req);
  const { orderNo } = await ctx.params;
  const result = await requeryOrder(orderNo, admin.username);
  await audit({ actor: admin, action: "order.query", target: orderNo, req });
  return Response.json(result);
});
