import { handleRoute } from "@/lib/errors";
import { requireAdminApi } from "@/lib/auth/guard";
import { duplicateForm } from "@/lib/admin/forms";
import { formIdOf, type FormIdContext } from "@/lib/admin/form-id";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// POST /api/admin/forms/[id]/duplicate – copy a form into a new draft
export const POST = handleRoute(async (req, ctx: FormIdContext) => {
  await requireAdminApi(req);
  return Response.json(await duplicateForm(await formIdOf(ctx)), { status: 201 });
});
