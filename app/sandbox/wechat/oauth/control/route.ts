import { emulatorEnabled } from "@/lib/emulator/enabled";
import { handleOauthControl } from "@/lib/emulator/wechat";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// POST /sandbox/wechat/oauth/control – test control: snapshot mode for one emulated user or all
export async function POST(req: Request): Promise<Response> {
  return emulatorEnabled("wechat") ? handleOauthControl(req) : new Response("Not Found", { status: 404 });
}
