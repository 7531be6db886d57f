import { notifyRoute } from "@/lib/payments/notify-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// POST /api/payment/wechat/notify/[account] – WeChat Pay tells us a payment changed, for an admin-managed account
export async function POST(req: Request, ctx: { params: Promise<{ account: string }> }): Promise<Response> {
  return notifyRoute("wechat", req, (await ctx.params).account);
}
