// Background jobs as admins see them: what ran, what failed and why, each attempt with its error.
// Routine rounds that succeeded (the sweep every few seconds) are left out unless asked for.
import { getDb } from "@/db/client";
import { attemptsOf, recentJobs, type JobRow } from "@/db/queries/jobs";
import type { JobStatus } from "@/db/schema";

export const JOB_KIND_LABELS: Record<string, string> = {
  "payments.sweep": "查询待支付订单",
  "payments.close_order": "在平台关闭订单",
  "payments.prune": "清理过期记录",
  "payments.refund_check": "退款重试与查询",
  "reconciliation.schedule": "安排每日对账",
  "reconciliation.day": "对账",
  "notifications.send": "发送通知",
};

export const JOB_STATUS_LABELS: Record<JobStatus, string> = {
  queued: "等待执行",
  running: "执行中",
  succeeded: "已完成",
  failed: "失败",
  dead: "多次失败，已停止重试",
};

export interface JobView {
  id: number;
  kindLabel: string;
  status: JobStatus;
  statusLabel: string;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  runAt: number;
  updatedAt: number;
  history: { attempt: number; runner: string; startedAt: number; finishedAt: number | null; error: string | null }[];
}

const ROUTINE = new Set(["payments.sweep", "payments.prune", "reconciliation.schedule"]);

export async function jobsForAdmins(options: { status?: JobStatus; includeRoutine?: boolean; limit?: number } = {}): Promise<JobView[]> {
  const rows = await recentJobs(getDb(), (options.limit ?? 200) * 4, options.status);
  const shown = rows.filter((j) => options.includeRoutine || !ROUTINE.has(j.kind) || j.status !== "succeeded").slice(0, options.limit ?? 200);
  return Promise.all(shown.map(toView));
}

async function toView(job: JobRow): Promise<JobView> {
  const history = await attemptsOf(getDb(), job.id);
  return {
    id: job.id,
    kindLabel: JOB_KIND_LABELS[job.kind] ?? "其他任务",
    status: job.status,
    statusLabel: JOB_STATUS_LABELS[job.status],
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    lastError: job.lastError,
    runAt: job.runAt,
    updatedAt: job.updatedAt,
    history: history.map((a) => ({ attempt: a.attempt, runner: a.runner, startedAt: a.startedAt, finishedAt: a.finishedAt, error: a.error })),
  };
}
