import { audit } from "@/lib/admin/audit";
import { requireAdminApi } from "@/lib/auth/guard";
import { handleRoute, readJson } from "@/lib/errors";
import { chooseAccount } from "@/lib/reconciliation/accounts";
import { parseListQuery, runDayBody } from "@/lib/reconciliation/input";
import { reconcileDay } from "@/lib/reconciliation/run-day";
import { listDayViews } from "@/lib/reconciliation/views";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/admin/reconciliation – reconciled days, latest first (filters: provider, account, status)
export const GET = handleRoute(async (req) => {
  await requireAdminApi(req);
  return Response.json({ days: await listDayViews(parseListQuery(req.url)) });
});

// POST /api/admin/reconciliation – reconcile one day of one account now (again, if it was)
export const POST = handleRoute(async (req) => {
  const { admin } = await requireAdminApi(req);
  const body = runDayBody.parse(await readJson(req));
  const account = await chooseAccount(body.provider, body.accountId);
  const day = await reconcileDay({ provider: body.provider, accountRef: account.accountRef, date: body.date });
  await audit({ actor: admin, action: "reconciliation.run", target: `${body.provider}:${account.accountRef}:${body.date}`, detail: { status: day.status }, req });
  return Response.json(day);
});
