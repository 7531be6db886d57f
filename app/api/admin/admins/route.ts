import { requireAdminApi } from "@/lib/auth/guard";
import { handleRoute, readJson } from "@/lib/errors";
import { addAdmin, adminSummaries } from "@/lib/admin/admins";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/admin/admins – every admin with role and state (管理员 only, by the guard)
export const GET = handleRoute(async (req) => {
  await requireAdminApi(req);
  return Response.json({ items: await adminSummaries() }, { headers: { "Cache-Control": "no-store" } });
});

// POST /api/admin/admins – add an admin { username, password, role }
export const POST = handleRoute(async (req) => {
  const { admin } = await requireAdminApi(req);
  return Response.json(await addAdmin(admin, await readJson(req), req), { status: 201 });
});
