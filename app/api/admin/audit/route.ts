import { z } from "zod";
import { requireAdminApi } from "@/lib/auth/guard";
import { handleRoute } from "@/lib/errors";
import { auditPage } from "@/lib/admin/audit";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const query = z.object({
  action: z.string().max(64).optional(),
  fromMs: z.coerce.number({ error: "开始时间不正确" }).int().nonnegative().optional(),
  toMs: z.coerce.number({ error: "结束时间不正确" }).int().nonnegative().optional(),
  limit: z.coerce.number({ error: "条数不正确" }).int().min(1).max(200).default(50),
});

// GET /api/admin/audit – the audit log, newest first (管理员 only, by the guard)
export const GET = handleRoute(async (req) => {
  await requireAdminApi(req);
  const q = query.parse(Object.fromEntries(new URL(req.url).searchParams));
  return Response.json({ items: await auditPage(q) }, { headers: { "Cache-Control": "no-store" } });
});
