import { emulatorEnabled } from "@/lib/emulator/enabled";
import { handleWechatPlatformRequest, platformPathFromUrl } from "@/lib/emulator/wechat";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const notFound = () => new Response("Not Found", { status: 404 });

// GET /sandbox/wechat/v3/… – the emulated WeChat Pay API (query, certificates)
export async function GET(req: Request): Promise<Response> {
  return emulatorEnabled("wechat") ? handleWechatPlatformRequest(req, platformPathFromUrl(req.url)) : notFound();
}

// POST /sandbox/wechat/v3/… – the emulated WeChat Pay API (native prepay, close)
export async function POST(req: Request): Promise<Response> {
  return emulatorEnabled("wechat") ? handleWechatPlatformRequest(req, platformPathFromUrl(req.url)) : notFound();
}
