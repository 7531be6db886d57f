import { emulatorEnabled } from "@/lib/emulator/enabled";
import { handleWalletDecline } from "@/lib/emulator/wechat";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// POST /sandbox/wechat/wallet/decline – the payer presses 拒绝支付; the order stays unpaid
export async function POST(req: Request): Promise<Response> {
  if (!emulatorEnabled("wechat")) return new Response("Not Found", { status: 404 });
  return handleWalletDecline(req);
}
