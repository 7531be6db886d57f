import { handleRoute, readJson } from "@/lib/errors";
import { clientIp } from "@/lib/http/client-ip";
import { createOrder, createOrderBody } from "@/lib/payments/create-order";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// POST /api/payment/orders – store a submission and start its payment
export const POST = handleRoute(async (req) => {
  const body = createOrderBody.parse(await readJson(req));
  const created = await createOrder(body, { userAgent: req.headers.get("user-agent"), clientIp: clientIp(req) });
  return Response.json(created, { status: 201 });
});
