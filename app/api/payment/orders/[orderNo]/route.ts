import { AppError, handleRoute } from "@/lib/errors";
import { orderStatusView } from "@/lib/payments/order-view";
import { refreshOrder } from "@/lib/payments/refresh-order";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/payment/orders/[orderNo] – an order's status; asks the platform while it is pending
export const GET = handleRoute(async (_req, ctx: { params: Promise<{ orderNo: string }> }) => {
  const { orderNo } = await ctx.params;
  const order = /^[0-9A-Za-z_-]{6,32}$/.test(orderNo) ? await refreshOrder(orderNo) : undefined;
  if (!order) throw new AppError("not_found", "订单不存在");
  return Response.json(orderStatusView(order), { headers: { "Cache-Control": "no-store" } });
});
