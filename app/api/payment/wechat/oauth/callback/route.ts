import { oauthAppFor } from "@/lib/payments/payer-oauth";
import { handleOAuthCallback } from "@/lib/payments/wechat-oauth";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/payment/wechat/oauth/callback?code&state[&account=<id>] – check the state, code → openid on the server, back to next
export async function GET(req: Request): Promise<Response> {
  // The account in the query only picks the app; the state cookie binds its appid to this browser.
  return handleOAuthCallback(req, { app: await oauthAppFor(new URL(req.url).searchParams.get("account") ?? "env") });
}
