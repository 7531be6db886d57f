import { emulatorEnabled } from "@/lib/emulator/enabled";
import { handleJsBridgeScript } from "@/lib/emulator/wechat";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /sandbox/wechat/jsbridge.js – window.WeixinJSBridge for pages opened with a MicroMessenger user agent
export async function GET(): Promise<Response> {
  return emulatorEnabled("wechat") ? handleJsBridgeScript() : new Response("Not Found", { status: 404 });
}
