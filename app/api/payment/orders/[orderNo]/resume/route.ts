import { AppError, handleRoute } from "@/lib/errors";
import { hasOrderNoShape } from "@/lib/payments/order-no-shape";
import { payerFromRequest } from "@/lib/payments/payer-from-request";
import { resumePayment } from "@/lib/payments/resume-payment";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// POST /api/payment/orders/[orderNo]/resume – fresh JSAPI parameters or H5 link for a pending order, no new order
export const POST = handleRoute(async (req, ctx: { params: Promise<{ orderNo: string }> }) => {
  const { orderNo } = await ctx.params;
  if (!hasOrderNoShape(orderNo)) throw new AppError("not_found", "订单不存在");
  return Response.json(await resumePayment(orderNo, payerFromRequest(req)), { headers: { "Cache-Control": "no-store" } });
});
