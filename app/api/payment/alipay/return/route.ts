import { handleAlipayReturn } from "@/lib/payments/alipay-return";
import { errorResponse } from "@/lib/errors";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/payment/alipay/return – the payer's browser back from the cashier; verify, query, show the order
export async function GET(req: Request): Promise<Response> {
  const url = new URL(req.url);
  const outcome = await handleAlipayReturn(url.searchParams);
  if (!outcome.ok) {
    return outcome.status === 404
      ? errorResponse("not_found", outcome.message)
      : errorResponse("bad_request", `支付宝返回参数无效：${outcome.message}`);
  }
  return new Response(null, { status: 303, headers: { Location: `/pay/${encodeURIComponent(outcome.orderNo)}` } });
}
