import { handleOAuthStart } from "@/lib/payments/wechat-oauth";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/payment/wechat/oauth/start?next=<relative path> – 302 to WeChat's authorize page with a state bound to this browser
export async function GET(req: Request): Promise<Response> {
  return handleOAuthStart(req);
}
