import { requireAdminApi } from "@/lib/auth/guard";
import { handleRoute } from "@/lib/errors";
import { listOrders, ordersQuery } from "@/lib/admin/orders-list";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/admin/orders – orders across forms, filtered and searched, one keyset page at a time
export const GET = handleRoute(async (req) => {
  await requireAdminApi(req);
  const query = ordersQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  return Response.json(await listOrders(query), { headers: { "Cache-Control": "no-store" } });
});
