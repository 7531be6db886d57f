import { requireAdminApi } from "@/lib/auth/guard";
import { handleRoute } from "@/lib/errors";
import { requeryOrder } from "@/lib/admin/orders-requery";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// POST /api/admin/orders/[orderNo]/query – ask the platform now and apply what it says
export const POST = handleRoute(async (req, ctx: { params: Promise<{ orderNo: string }> }) => {
  const { admin } = await requireAdminApi(req);
  const { orderNo } = await ctx.params;
  return Response.json(await requeryOrder(orderNo, admin.username));
});
