// The record of every admin write: who, what, when and from where. Call recordAudit in the same
// transaction as the write when there is one (pass tx), otherwise right after it succeeds.
import "server-only";
import { getDb, type DbOrTx } from "@/db/client";
import { insertAudit, listAudit, type AuditFilter } from "@/db/queries/audit";
import { clientIp } from "@/lib/http/client-ip";
import type { AdminSession } from "@/lib/auth/guard";

// What the console shows for each action. Add yours here (refunds, reconciliation…);
// an action missing from the list shows as 其他操作, never as its code.
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  "form.create": "新建表单",
  "form.update": "修改表单",
  "form.publish": "发布表单",
  "form.close": "关闭表单",
  "form.duplicate": "复制表单",
  "account.create": "添加收款账户",
  "account.update": "修改收款账户",
  "account.test": "测试收款账户连接",
  "account.emulator_demo": "添加模拟器演示账户",
  "order.query": "向平台查询订单",
  "order.close": "关闭订单",
  "order.refund": "发起退款",
  "admin.create": "添加管理员",
  "admin.update": "修改管理员",
  "admin.reset_password": "重置管理员密码",
  "admin.change_own_password": "修改自己的密码",
  "notification.create": "添加通知渠道",
  "notification.update": "修改通知渠道",
  "notification.delete": "删除通知渠道",
  "notification.test": "发送测试通知",
  "reconciliation.run": "重新对账",
  "reconciliation.resolve": "处理对账差异",
  "export.orders": "导出订单",
  "export.submissions": "导出提交记录",
  "export.reconciliation": "导出对账结果",
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? "其他操作";
}

const TARGET_KINDS: Record<string, string> = { form: "表单", account: "收款账户", admin: "管理员", channel: "通知渠道", refund: "退款", day: "对账日" };

/** "form:12" → "表单 #12"; an order number stays as it is. */
export function auditTargetLabel(target: string | null): string {
  if (!target) return "—";
  const m = /^([a-z_]+):(.+)$/.exec(target);
  if (!m) return target;
  return TARGET_KINDS[m[1]] ? `${TARGET_KINDS[m[1]]} #${m[2]}` : m[2];
}

export interface AuditEntry {
  /** The acting admin (the session from requireAdminApi). */
  actor: AdminSession["admin"];
  /** A key of AUDIT_ACTION_LABELS, e.g. "order.close". */
  action: string;
  /** What it was done to: an order number, "form:12", "account:3"… */
  target?: string | null;
  /** A small JSON-able detail; never secrets. */
  detail?: unknown;
  /** The request, for the caller's address (clientIp). */
  req?: Request;
}

export async function recordAudit(db: DbOrTx, entry: AuditEntry, now = Date.now()): Promise<void> {
  await insertAudit(db, {
    adminId: entry.actor.id,
    adminName: entry.actor.username,
    action: entry.action,
    target: entry.target ?? null,
    detailJson: entry.detail === undefined ? null : JSON.stringify(entry.detail),
    ip: entry.req ? clientIp(entry.req) : null,
    createdAt: now,
  });
}

/** recordAudit outside any transaction. */
export function audit(entry: AuditEntry): Promise<void> {
  return recordAudit(getDb(), entry);
}

export async function auditPage(filter: AuditFilter) {
  const rows = await listAudit(getDb(), filter);
  return rows.map((r) => ({
    id: r.id,
    adminName: r.adminName,
    action: r.action,
    actionLabel: auditActionLabel(r.action),
    target: r.target,
    targetLabel: auditTargetLabel(r.target),
    detail: r.detailJson ? (JSON.parse(r.detailJson) as unknown) : null,
    ip: r.ip,
    createdAt: r.createdAt,
  }));
}
