import { emulatorEnabled } from "@/lib/emulator/enabled";
import { handleJsBridgeCall } from "@/lib/emulator/wechat";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// POST /sandbox/wechat/jsbridge – the bridge's pay sheet: check paySign, then pay
export async function POST(req: Request): Promise<Response> {
  return emulatorEnabled("wechat") ? handleJsBridgeCall(req) : new Response("Not Found", { status: 404 });
}
