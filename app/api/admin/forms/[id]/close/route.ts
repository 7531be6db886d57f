import { handleRoute } from "@/lib/errors";
import { requireAdminApi } from "@/lib/auth/guard";
import { closeForm } from "@/lib/admin/forms";
import { formIdOf, type FormIdContext } from "@/lib/admin/form-id";
import { audit } from "@/lib/admin/audit";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// POST /api/admin/forms/[id]/close – stop collecting: the public link answers 410
export const POST = handleRoute(async (req, ctx: FormIdContext) => {
  const { admin } = await requireAdminApi(req);
  const id = await formIdOf(ctx);
  const form = await closeForm(id);
  await audit({ actor: admin, action: "form.close", target: `form:${id}`, req });
  return Response.json(form);
});
