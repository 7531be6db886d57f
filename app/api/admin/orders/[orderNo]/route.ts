import { requireAdminApi } from "@/lib/auth/guard";
import { AppError, handleRoute } from "@/lib/errors";
import { orderDetail } from "@/lib/admin/orders-detail";
import { ORDER_NO } from "@/lib/admin/orders-requery";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/admin/orders/[orderNo] – one order with its answers, timeline and masked notifies
export const GET = handleRoute(async (req, ctx: { params: Promise<{ orderNo: string }> }) => {
  await requireAdminApi(req);
  const { orderNo } = await ctx.params;
  const detail = ORDER_NO.test(orderNo) ? await orderDetail(orderNo) : null;
  if (!detail) throw new AppError("not_found", "订单不存在");
  return Response.json(detail, { headers: { "Cache-Control": "no-store" } });
});
