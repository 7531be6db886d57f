import { emulatorEnabled } from "@/lib/emulator/enabled";
import { handleWalletPay } from "@/lib/emulator/wechat";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// POST /sandbox/wechat/wallet/pay – the payer presses 确认支付; 303 back to the wallet with the result
export async function POST(req: Request): Promise<Response> {
  if (!emulatorEnabled("wechat")) return new Response("Not Found", { status: 404 });
  return handleWalletPay(req);
}
