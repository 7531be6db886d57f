import { handleRoute } from "@/lib/errors";
import { requireAdminApi } from "@/lib/auth/guard";
import { formIdOf, type FormIdContext } from "@/lib/admin/form-id";
import { parseSubmissionQuery } from "@/lib/admin/submissions";
import { csvResponse, xlsxSubmissionsResponse } from "@/lib/admin/submissions-csv";
import { audit } from "@/lib/admin/audit";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/admin/forms/[id]/submissions/export?format=csv|xlsx – the submissions for Excel (same filters as the list; CSV by default)
export const GET = handleRoute(async (req, ctx: FormIdContext) => {
  const { admin } = await requireAdminApi(req);
  const { filter } = parseSubmissionQuery(req.url);
  const formId = await formIdOf(ctx);
  const xlsx = new URL(req.url).searchParams.get("format") === "xlsx";
  const response = xlsx ? await xlsxSubmissionsResponse(formId, filter) : await csvResponse(formId, filter);
  await audit({ actor: admin, action: "export.submissions", target: `form:${formId}`, detail: { format: xlsx ? "xlsx" : "csv", filter }, req });
  return response;
});
