import { handleRoute } from "@/lib/errors";
import { checkPaidNow } from "@/lib/payments/live/status";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// POST /api/payment/orders/[orderNo]/check – the payer's 我已支付: ask the platform (throttled per order)
export const POST = handleRoute(async (_req, ctx: { params: Promise<{ orderNo: string }> }) => {
  const { orderNo } = await ctx.params;
  return Response.json(await checkPaidNow(orderNo), { headers: { "Cache-Control": "no-store" } });
});
