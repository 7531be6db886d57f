import { handleRoute } from "@/lib/errors";
import { requireAdminApi } from "@/lib/auth/guard";
import { closeForm } from "@/lib/admin/forms";
import { formIdOf, type FormIdContext } from "@/lib/admin/form-id";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// POST /api/admin/forms/[id]/close – stop collecting: the public link answers 410
export const POST = handleRoute(async (req, ctx: FormIdContext) => {
  await requireAdminApi(req);
  return Response.json(await closeForm(await formIdOf(ctx)));
});
