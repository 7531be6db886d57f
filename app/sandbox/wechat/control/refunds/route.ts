import { emulatorEnabled } from "@/lib/emulator/enabled";
import { handleWechatRefundControlGet, handleWechatRefundControlPost } from "@/lib/emulator/wechat";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const notFound = () => new Response("Not Found", { status: 404 });

// GET /sandbox/wechat/control/refunds?outTradeNo=… | ?outRefundNo=… – refunds, their faults and notifies
export async function GET(req: Request): Promise<Response> {
  return emulatorEnabled("wechat") ? handleWechatRefundControlGet(req) : notFound();
}

// POST /sandbox/wechat/control/refunds – set_refund_fault | settle_refund | redeliver_refund
export async function POST(req: Request): Promise<Response> {
  return emulatorEnabled("wechat") ? handleWechatRefundControlPost(req) : notFound();
}
