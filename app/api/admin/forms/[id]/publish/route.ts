import { handleRoute } from "@/lib/errors";
import { requireAdminApi } from "@/lib/auth/guard";
import { publishForm } from "@/lib/admin/forms";
import { formIdOf, type FormIdContext } from "@/lib/admin/form-id";
import { audit } from "@/lib/admin/audit";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// POST /api/admin/forms/[id]/publish – publish a form (from draft or closed)
export const POST = handleRoute(async (req, ctx: FormIdContext) => {
  const { admin } = await requireAdminApi(req);
  const id = await formIdOf(ctx);
  const form = await publishForm(id);
  await audit({ actor: admin, action: "form.publish", target: `form:${id}`, req });
  return Response.json(form);
});
