import { statusResponse } from "@/lib/payments/live/payer-routes";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/payment/orders/[orderNo] – an order's status; reads only (no write, no platform call).
// Under `npm start` the front server answers this path first (lib/http/front-server.ts).
export async function GET(req: Request, ctx: { params: Promise<{ orderNo: string }> }): Promise<Response> {
  return statusResponse(req, (await ctx.params).orderNo);
}
