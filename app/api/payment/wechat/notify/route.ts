import { notifyRoute } from "@/lib/payments/notify-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// POST /api/payment/wechat/notify – WeChat Pay tells us a payment changed
export async function POST(req: Request): Promise<Response> {
  return notifyRoute("wechat", req);
}
