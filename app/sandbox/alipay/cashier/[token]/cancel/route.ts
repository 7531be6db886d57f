import { emulatorEnabled } from "@/lib/emulator/enabled";
import { handleCashierCancel } from "@/lib/emulator/alipay";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// POST /sandbox/alipay/cashier/[token]/cancel – the payer presses 取消付款; back to the merchant, trade unchanged
export async function POST(_req: Request, ctx: { params: Promise<{ token: string }> }): Promise<Response> {
  if (!emulatorEnabled("alipay")) return new Response("Not Found", { status: 404 });
  return handleCashierCancel((await ctx.params).token);
}
