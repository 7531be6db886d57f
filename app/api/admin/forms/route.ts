import { handleRoute, readJson } from "@/lib/errors";
import { requireAdminApi } from "@/lib/auth/guard";
import { createForm, listForms } from "@/lib/admin/forms";
import { audit } from "@/lib/admin/audit";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/admin/forms – every form with its submission and payment counts
export const GET = handleRoute(async (req) => {
  await requireAdminApi(req);
  return Response.json({ forms: await listForms() });
});

// POST /api/admin/forms – create a draft form from the builder's input
export const POST = handleRoute(async (req) => {
  const { admin } = await requireAdminApi(req);
  const form = await createForm(await readJson(req));
  await audit({ actor: admin, action: "form.create", target: `form:${form.id}`, detail: { title: form.input.title }, req });
  return Response.json(form, { status: 201 });
});
