import { handleRoute } from "@/lib/errors";
import { requireAdminApi } from "@/lib/auth/guard";
import { formIdOf, type FormIdContext } from "@/lib/admin/form-id";
import { parseSubmissionQuery } from "@/lib/admin/submissions";
import { csvResponse } from "@/lib/admin/submissions-csv";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/admin/forms/[id]/submissions/export – the submissions as CSV for Excel (same filters as the list)
export const GET = handleRoute(async (req, ctx: FormIdContext) => {
  await requireAdminApi(req);
  const { filter } = parseSubmissionQuery(req.url);
  return csvResponse(await formIdOf(ctx), filter);
});
