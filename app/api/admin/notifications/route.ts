import { requireAdminApi } from "@/lib/auth/guard";
import { handleRoute, readJson } from "@/lib/errors";
import { audit } from "@/lib/admin/audit";
import { addChannel, channelSummaries } from "@/lib/notifications/channels";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// GET /api/admin/notifications – the notification channels (管理员 only, by the guard)
export const GET = handleRoute(async (req) => {
  await requireAdminApi(req);
  return Response.json({ items: await channelSummaries() }, { headers: { "Cache-Control": "no-store" } });
});

// POST /api/admin/notifications – add a channel { kind, name, formId, events, url, secret }
export const POST = handleRoute(async (req) => {
  const { admin } = await requireAdminApi(req);
  const channel = await addChannel(await readJson(req));
  await audit({ actor: admin, action: "notification.create", target: `channel:${channel.id}`, detail: { name: channel.name, kind: channel.kind }, req });
  return Response.json(channel, { status: 201 });
});
