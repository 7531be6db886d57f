import { emulatorEnabled } from "@/lib/emulator/enabled";
import { handleWechatControlGet, handleWechatControlPost } from "@/lib/emulator/wechat";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const notFound = () => new Response("Not Found", { status: 404 });

// GET /sandbox/wechat/control?outTradeNo=… – the emulated trade, its faults and its notifies
export async function GET(req: Request): Promise<Response> {
  return emulatorEnabled("wechat") ? handleWechatControlGet(req) : notFound();
}

// POST /sandbox/wechat/control – set_fault | pay | pay_after_close | redeliver | expire
export async function POST(req: Request): Promise<Response> {
  return emulatorEnabled("wechat") ? handleWechatControlPost(req) : notFound();
}
