import { emulatorEnabled } from "@/lib/emulator/enabled";
import { handleAuthorize } from "@/lib/emulator/wechat";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /sandbox/wechat/connect/oauth2/authorize – stands for WeChat's authorize page: 302 back with a code
export async function GET(req: Request): Promise<Response> {
  return emulatorEnabled("wechat") ? handleAuthorize(req) : new Response("Not Found", { status: 404 });
}
