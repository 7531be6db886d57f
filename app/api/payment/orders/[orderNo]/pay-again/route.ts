import { z } from "zod";
import { handleRoute, readJson } from "@/lib/errors";
import { PAYMENT_METHODS } from "@/lib/forms/definition";
import { payerFromRequest } from "@/lib/payments/payer-from-request";
import { payAgain } from "@/lib/payments/switch-method";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const payAgainBody = z.object({ provider: z.enum(PAYMENT_METHODS, { message: "provider 应为 wechat 或 alipay" }) });

// POST /api/payment/orders/[orderNo]/pay-again – a new order for the same submission (retry or switch method)
export const POST = handleRoute(async (req, ctx: { params: Promise<{ orderNo: string }> }) => {
  const { orderNo } = await ctx.params;
  const { provider } = payAgainBody.parse(await readJson(req));
  const result = await payAgain(orderNo, provider, payerFromRequest(req));
  if (result.kind === "already_paid") {
    return Response.json({ status: "paid", orderNo: result.orderNo, payPageUrl: `/pay/${result.orderNo}` });
  }
  return Response.json(result.order, { status: 201 });
});
