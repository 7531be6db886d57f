import { eventsResponse } from "@/lib/payments/live/payer-routes";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/payment/orders/[orderNo]/events – the order's status now and after each change (SSE).
// Under `npm start` the front server answers this path first (lib/http/front-server.ts).
export async function GET(req: Request, ctx: { params: Promise<{ orderNo: string }> }): Promise<Response> {
  return eventsResponse(req, (await ctx.params).orderNo);
}
