import { handleRoute } from "@/lib/errors";
import { requireAdminApi } from "@/lib/auth/guard";
import { formIdOf, type FormIdContext } from "@/lib/admin/form-id";
import { listSubmissions, parseSubmissionQuery } from "@/lib/admin/submissions";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/admin/forms/[id]/submissions – a page of submissions (?status=&q=&before=&limit=), newest first
export const GET = handleRoute(async (req, ctx: FormIdContext) => {
  await requireAdminApi(req);
  const { filter, before, limit } = parseSubmissionQuery(req.url);
  return Response.json(await listSubmissions(await formIdOf(ctx), filter, before, limit));
});
