import { notifyRoute } from "@/lib/payments/notify-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// POST /api/payment/alipay/notify/[account] – Alipay's async notify for an admin-managed account; answered `success` after the commit
export async function POST(req: Request, ctx: { params: Promise<{ account: string }> }): Promise<Response> {
  return notifyRoute("alipay", req, (await ctx.params).account);
}
