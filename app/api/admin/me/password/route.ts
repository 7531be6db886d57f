import { requireAdminApi } from "@/lib/auth/guard";
import { handleRoute, readJson } from "@/lib/errors";
import { changeOwnPassword } from "@/lib/admin/admins";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// POST /api/admin/me/password – change one's own password { currentPassword, newPassword }
export const POST = handleRoute(async (req) => {
  const { admin } = await requireAdminApi(req);
  await changeOwnPassword(admin, await readJson(req), req);
  return Response.json({ ok: true });
});
