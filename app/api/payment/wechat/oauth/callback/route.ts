import { handleOAuthCallback } from "@/lib/payments/wechat-oauth";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/payment/wechat/oauth/callback?code&state – check the state, code → openid on the server, back to next
export async function GET(req: Request): Promise<Response> {
  return handleOAuthCallback(req);
}
