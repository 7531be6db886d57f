import { z } from "zod";
import { jobsForAdmins } from "@/lib/admin/jobs";
import { requireAdminApi } from "@/lib/auth/guard";
import { handleRoute } from "@/lib/errors";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const jobsQuery = z.object({
  status: z.enum(["queued", "running", "succeeded", "failed", "dead"], { message: "status 应为 queued、running、succeeded、failed 或 dead" }).optional(),
  routine: z.enum(["1", "0"]).optional(),
});

// GET /api/admin/jobs – background jobs, each attempt with its error
export const GET = handleRoute(async (req) => {
  await requireAdminApi(req);
  const q = jobsQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  return Response.json({ items: await jobsForAdmins({ status: q.status, includeRoutine: q.routine === "1" }) }, { headers: { "Cache-Control": "no-store" } });
});
