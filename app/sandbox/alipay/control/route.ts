import { emulatorEnabled } from "@/lib/emulator/enabled";
import { handleAlipayControlGet, handleAlipayControlPost } from "@/lib/emulator/alipay";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const notFound = () => new Response("Not Found", { status: 404 });

// GET /sandbox/alipay/control?outTradeNo=… – the emulated trade, its faults and its notifies
export async function GET(req: Request): Promise<Response> {
  return emulatorEnabled("alipay") ? handleAlipayControlGet(req) : notFound();
}

// POST /sandbox/alipay/control – set_fault | pay | pay_after_close | redeliver | expire | set_refund_fault | set_bill_settings | plant_bill_difference
export async function POST(req: Request): Promise<Response> {
  return emulatorEnabled("alipay") ? handleAlipayControlPost(req) : notFound();
}
