import { requireAdminApi } from "@/lib/auth/guard";
import { handleRoute, readJson } from "@/lib/errors";
import { changeAdmin } from "@/lib/admin/admins";
import { adminIdOf, type AdminIdContext } from "@/lib/admin/admin-id";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// PATCH /api/admin/admins/[id] – change role or disable/enable { role?, disabled? }
export const PATCH = handleRoute(async (req, ctx: AdminIdContext) => {
  const { admin } = await requireAdminApi(req);
  return Response.json(await changeAdmin(admin, await adminIdOf(ctx), await readJson(req), req));
});
