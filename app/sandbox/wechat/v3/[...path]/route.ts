import { emulatorEnabled } from "@/lib/emulator/enabled";
import { handleWechatPlatformRequest, requestTargetFromUrl, WECHAT_SANDBOX_PREFIX } from "@/lib/emulator/wechat";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const notFound = () => new Response("Not Found", { status: 404 });
// The signature covers the target as received, prefix included, as any v3 client signs it.

// GET /sandbox/wechat/v3/… – the emulated WeChat Pay API (query, certificates)
export async function GET(req: Request): Promise<Response> {
  return emulatorEnabled("wechat") ? handleWechatPlatformRequest(req, requestTargetFromUrl(req.url), WECHAT_SANDBOX_PREFIX) : notFound();
}

// POST /sandbox/wechat/v3/… – the emulated WeChat Pay API (native prepay, close)
export async function POST(req: Request): Promise<Response> {
  return emulatorEnabled("wechat") ? handleWechatPlatformRequest(req, requestTargetFromUrl(req.url), WECHAT_SANDBOX_PREFIX) : notFound();
}
