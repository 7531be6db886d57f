import { handleRoute, readJson } from "@/lib/errors";
import { createOrder, createOrderBody } from "@/lib/payments/create-order";
import { payerFromRequest } from "@/lib/payments/payer-from-request";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// POST /api/payment/orders – store a submission and start its payment
export const POST = handleRoute(async (req) => {
  const body = createOrderBody.parse(await readJson(req));
  const created = await createOrder(body, payerFromRequest(req));
  return Response.json(created, { status: 201 });
});
