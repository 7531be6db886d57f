import { emulatorEnabled } from "@/lib/emulator/enabled";
import { handleCashierPay } from "@/lib/emulator/alipay";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// POST /sandbox/alipay/cashier/[token]/pay – the payer presses 确认付款; 303 to the signed return_url
export async function POST(_req: Request, ctx: { params: Promise<{ token: string }> }): Promise<Response> {
  if (!emulatorEnabled("alipay")) return new Response("Not Found", { status: 404 });
  return handleCashierPay((await ctx.params).token);
}
