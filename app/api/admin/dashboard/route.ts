import { requireAdminApi } from "@/lib/auth/guard";
import { handleRoute } from "@/lib/errors";
import { dashboardData } from "@/lib/admin/dashboard";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/admin/dashboard – revenue, counts, success rate, daily revenue and orders needing attention
export const GET = handleRoute(async (req) => {
  await requireAdminApi(req);
  return Response.json(await dashboardData(), { headers: { "Cache-Control": "no-store" } });
});
