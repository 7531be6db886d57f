import { requireAdminApi } from "@/lib/auth/guard";
import { handleRoute, readJson } from "@/lib/errors";
import { accountSummaries, createAccount } from "@/lib/accounts/service";
import { envAccountEntries } from "@/lib/accounts/env-entries";
import { audit } from "@/lib/admin/audit";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/admin/accounts – stored receiving accounts and the read-only ones from the environment
export const GET = handleRoute(async (req) => {
  await requireAdminApi(req);
  return Response.json({ items: await accountSummaries(), env: envAccountEntries() }, { headers: { "Cache-Control": "no-store" } });
});

// POST /api/admin/accounts – add a WeChat Pay or Alipay account (secrets encrypted at rest)
export const POST = handleRoute(async (req) => {
  const { admin } = await requireAdminApi(req);
  const account = await createAccount(await readJson(req));
  await audit({ actor: admin, action: "account.create", target: `account:${account.id}`, detail: { name: account.name }, req });
  return Response.json(account, { status: 201 });
});
