import { emulatorEnabled } from "@/lib/emulator/enabled";
import { handleH5CashierAction } from "@/lib/emulator/wechat";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// POST /sandbox/wechat/h5pay/pay – 确认支付 or 取消支付 in the H5 cashier; 303 back to redirect_url
export async function POST(req: Request): Promise<Response> {
  return emulatorEnabled("wechat") ? handleH5CashierAction(req) : new Response("Not Found", { status: 404 });
}
