import { requireAdminApi } from "@/lib/auth/guard";
import { handleRoute } from "@/lib/errors";
import { audit } from "@/lib/admin/audit";
import { ordersExportResponse } from "@/lib/admin/orders-export";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/admin/orders/export?format=xlsx|csv&<the list's filters> – every order the list would show
export const GET = handleRoute(async (req) => {
  const { admin } = await requireAdminApi(req);
  const response = await ordersExportResponse(req.url);
  const params = Object.fromEntries(new URL(req.url).searchParams);
  await audit({ actor: admin, action: "export.orders", detail: params, req });
  return response;
});
