import { notifyRoute } from "@/lib/payments/notify-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// POST /api/payment/alipay/notify – Alipay's async notify (form-encoded); answered `success` after the commit
export async function POST(req: Request): Promise<Response> {
  return notifyRoute("alipay", req);
}
