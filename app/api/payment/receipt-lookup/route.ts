import { handleRoute, readJson } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { lookUpReceipt } from "@/lib/payer/receipt-lookup";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// POST /api/payment/receipt-lookup – { orderNo, phoneLast4 } → where the receipt is (rate-limited)
export const POST = handleRoute(async (req) => {
  const ip = clientIp(req);
  return Response.json(await lookUpReceipt(await readJson(req), ip), { headers: { "Cache-Control": "no-store" } });
});
