import { requireAdminApi } from "@/lib/auth/guard";
import { listRefunds, refundsQuery } from "@/lib/admin/refunds";
import { handleRoute } from "@/lib/errors";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/admin/refunds – refunds across orders, filtered, one keyset page at a time
export const GET = handleRoute(async (req) => {
  await requireAdminApi(req);
  const query = refundsQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  return Response.json(await listRefunds(query), { headers: { "Cache-Control": "no-store" } });
});
