import { emulatorEnabled } from "@/lib/emulator/enabled";
import { handleAccessToken } from "@/lib/emulator/wechat";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /sandbox/wechat/sns/oauth2/access_token – code → openid (server to server), errcodes as WeChat's
export async function GET(req: Request): Promise<Response> {
  return emulatorEnabled("wechat") ? handleAccessToken(req) : new Response("Not Found", { status: 404 });
}
