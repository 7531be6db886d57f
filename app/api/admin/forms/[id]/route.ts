import { handleRoute, readJson } from "@/lib/errors";
import { requireAdminApi } from "@/lib/auth/guard";
import { getAdminForm, updateForm } from "@/lib/admin/forms";
import { formIdOf, type FormIdContext } from "@/lib/admin/form-id";
import { audit } from "@/lib/admin/audit";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/admin/forms/[id] – a form in the builder's terms, with its stock
export const GET = handleRoute(async (req, ctx: FormIdContext) => {
  await requireAdminApi(req);
  return Response.json(await getAdminForm(await formIdOf(ctx)));
});

// PUT /api/admin/forms/[id] – save the builder's form (bumps the version; stored answers keep their snapshot)
export const PUT = handleRoute(async (req, ctx: FormIdContext) => {
  const { admin } = await requireAdminApi(req);
  const form = await updateForm(await formIdOf(ctx), await readJson(req));
  await audit({ actor: admin, action: "form.update", target: `form:${form.id}`, req });
  return Response.json(form);
});
