import { emulatorEnabled } from "@/lib/emulator/enabled";
import { handleH5Cashier } from "@/lib/emulator/wechat";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /sandbox/wechat/h5pay?prepay_id=…&package=…&redirect_url=… – the H5 cashier h5_url opens
export async function GET(req: Request): Promise<Response> {
  return emulatorEnabled("wechat") ? handleH5Cashier(req) : new Response("Not Found", { status: 404 });
}
