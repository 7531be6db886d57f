import { handleRoute } from "@/lib/errors";
import { requireAdminApi } from "@/lib/auth/guard";
import { publishForm } from "@/lib/admin/forms";
import { formIdOf, type FormIdContext } from "@/lib/admin/form-id";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// POST /api/admin/forms/[id]/publish – publish a form (from draft or closed)
export const POST = handleRoute(async (req, ctx: FormIdContext) => {
  await requireAdminApi(req);
  return Response.json(await publishForm(await formIdOf(ctx)));
});
