import { requireAdminApi } from "@/lib/auth/guard";
import { handleRoute, readJson } from "@/lib/errors";
import { editableAccount, editAccount, parseAccountId, setAccountEnabled } from "@/lib/accounts/service";
import { enabledBody } from "@/lib/accounts/schemas";
import { audit } from "@/lib/admin/audit";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

// GET /api/admin/accounts/[id] – an account's settings for the edit form (secrets only as "saved")
export const GET = handleRoute(async (req, ctx: Ctx) => {
  await requireAdminApi(req);
  const id = parseAccountId((await ctx.params).id);
  return Response.json(await editableAccount(id), { headers: { "Cache-Control": "no-store" } });
});

// PUT /api/admin/accounts/[id] – replace an account's settings; empty secret fields keep the saved ones
export const PUT = handleRoute(async (req, ctx: Ctx) => {
  const { admin } = await requireAdminApi(req);
  const id = parseAccountId((await ctx.params).id);
  const account = await editAccount(id, await readJson(req));
  await audit({ actor: admin, action: "account.update", target: `account:${id}`, req });
  return Response.json(account);
});

// PATCH /api/admin/accounts/[id] – enable or disable an account
export const PATCH = handleRoute(async (req, ctx: Ctx) => {
  const { admin } = await requireAdminApi(req);
  const id = parseAccountId((await ctx.params).id);
  const { enabled } = enabledBody.parse(await readJson(req));
  const account = await setAccountEnabled(id, enabled);
  await audit({ actor: admin, action: "account.update", target: `account:${id}`, detail: { enabled }, req });
  return Response.json(account);
});
