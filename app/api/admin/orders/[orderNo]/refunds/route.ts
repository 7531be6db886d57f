import { requireAdminApi } from "@/lib/auth/guard";
import { audit } from "@/lib/admin/audit";
import { orderRefunds } from "@/lib/admin/refunds";
import { ORDER_NO } from "@/lib/admin/orders-requery";
import { AppError, handleRoute, readJson } from "@/lib/errors";
import { refundRequestBody, requestRefund } from "@/lib/payments/refunds/request-refund";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/admin/orders/[orderNo]/refunds – the order's refunds and what may still be refunded
export const GET = handleRoute(async (req, ctx: { params: Promise<{ orderNo: string }> }) => {
  await requireAdminApi(req);
  const { orderNo } = await ctx.params;
  return Response.json(await orderRefunds(orderNo), { headers: { "Cache-Control": "no-store" } });
});

// POST /api/admin/orders/[orderNo]/refunds – refund part or all of a paid order
export const POST = handleRoute(async (req, ctx: { params: Promise<{ orderNo: string }> }) => {
  const { admin } = await requireAdminApi(req);
  const { orderNo } = await ctx.params;
  if (!ORDER_NO.test(orderNo)) throw new AppError("not_found", "订单不存在");
  const body = refundRequestBody.parse(await readJson(req));
  const refund = await requestRefund(orderNo, body, admin);
  await audit({ actor: admin, action: "order.refund", target: orderNo, detail: { refundNo: refund.refundNo, amountFen: refund.amountFen }, req });
  return Response.json(
    { refundNo: refund.refundNo, status: refund.status, amountFen: refund.amountFen, failureReason: refund.failureReason },
    { status: 201 },
  );
});
