import { emulatorEnabled } from "@/lib/emulator/enabled";
import { handlePhoneGuide } from "@/lib/emulator/wechat";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /sandbox/wechat/phone – how to walk the in-WeChat flow from a desktop browser
export async function GET(req: Request): Promise<Response> {
  return emulatorEnabled("wechat") ? handlePhoneGuide(req) : new Response("Not Found", { status: 404 });
}
