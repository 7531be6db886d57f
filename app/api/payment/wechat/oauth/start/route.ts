import { oauthAppFor } from "@/lib/payments/payer-oauth";
import { handleOAuthStart } from "@/lib/payments/wechat-oauth";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/payment/wechat/oauth/start?next=<relative path>[&account=<id>] – 302 to WeChat's authorize page with a state bound to this browser
export async function GET(req: Request): Promise<Response> {
  return handleOAuthStart(req, await oauthAppFor(new URL(req.url).searchParams.get("account") ?? "env"));
}
