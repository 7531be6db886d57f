import { requireAdminApi } from "@/lib/auth/guard";
import { handleRoute, readJson } from "@/lib/errors";
import { resetAdminPassword } from "@/lib/admin/admins";
import { adminIdOf, type AdminIdContext } from "@/lib/admin/admin-id";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// POST /api/admin/admins/[id]/password – set a new password for another admin { password }; their sessions end
export const POST = handleRoute(async (req, ctx: AdminIdContext) => {
  const { admin } = await requireAdminApi(req);
  await resetAdminPassword(admin, await adminIdOf(ctx), await readJson(req), req);
  return Response.json({ ok: true });
});
