import { audit } from "@/lib/admin/audit";
import { requireAdminApi } from "@/lib/auth/guard";
import { handleRoute } from "@/lib/errors";
import { exportDay } from "@/lib/reconciliation/export";
import { exportFormat, idParam } from "@/lib/reconciliation/input";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/admin/reconciliation/days/[id]/export?format=xlsx|csv – the day's result as a file
export const GET = handleRoute(async (req, ctx: { params: Promise<{ id: string }> }) => {
  const { admin } = await requireAdminApi(req);
  const id = idParam((await ctx.params).id, "一天的对账结果");
  const format = exportFormat.parse(new URL(req.url).searchParams.get("format") ?? "xlsx");
  const response = await exportDay(id, format);
  await audit({ actor: admin, action: "export.reconciliation", target: `reconciliation_day:${id}`, detail: { format }, req });
  return response;
});
