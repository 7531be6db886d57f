import { handleRoute } from "@/lib/errors";
import { requireAdminApi } from "@/lib/auth/guard";
import { duplicateForm } from "@/lib/admin/forms";
import { formIdOf, type FormIdContext } from "@/lib/admin/form-id";
import { audit } from "@/lib/admin/audit";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// POST /api/admin/forms/[id]/duplicate – copy a form into a new draft
export const POST = handleRoute(async (req, ctx: FormIdContext) => {
  const { admin } = await requireAdminApi(req);
  const id = await formIdOf(ctx);
  const form = await duplicateForm(id);
  await audit({ actor: admin, action: "form.duplicate", target: `form:${id}`, req });
  return Response.json(form, { status: 201 });
});
