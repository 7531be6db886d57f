import { z } from "zod";
import { requireAdminPage } from "@/lib/auth/guard";
import { AUDIT_ACTION_LABELS, auditPage } from "@/lib/admin/audit";
import { beijingDayStartMs, DAY_MS } from "@/lib/admin/orders-dates";
import { AuditClient } from "./audit-client";

export const dynamic = "force-dynamic";

const query = z.object({
  action: z.string().max(64).optional().catch(undefined),
  from: z.string().max(10).optional().catch(undefined),
  to: z.string().max(10).optional().catch(undefined),
});

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdminPage("admin");
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const q = query.parse(raw);
  const fromMs = q.from ? (beijingDayStartMs(q.from) ?? undefined) : undefined;
  const toStart = q.to ? beijingDayStartMs(q.to) : null;
  const items = await auditPage({ action: q.action || undefined, fromMs, toMs: toStart === null ? undefined : toStart + DAY_MS, limit: 500 });
  return (
    <>
      <h1>操作记录</h1>
      <p className="muted">每一次后台写操作：谁、做了什么、何时（北京时间）、从哪个地址。最近 500 条。</p>
      <AuditClient
        items={items.map((i) => ({ id: i.id, adminName: i.adminName, actionLabel: i.actionLabel, targetLabel: i.targetLabel, ip: i.ip, createdAt: i.createdAt }))}
        actions={Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({ value, label }))}
        filters={{ action: q.action ?? "", from: q.from ?? "", to: q.to ?? "" }}
      />
    </>
  );
}
