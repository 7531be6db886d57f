// The notice job: one message to one channel (queued by enqueueNotice), retried with the runner's backoff.
import "server-only";
import { getDb } from "@/db/client";
import { getChannel } from "@/db/queries/notification-channels";
import { getFormById } from "@/db/queries/forms";
import { getOrderByNo } from "@/db/queries/orders";
import { beijingDateTime } from "@/lib/admin/beijing-time";
import { registerJob } from "@/lib/jobs/runner";
import { formatFenGrouped, methodText } from "@/lib/ui/format";
import { openChannelSecrets } from "./channel-secrets";
import type { Notice } from "./enqueue";
import { NOTICE_EVENT_LABELS, NOTICE_SEND_JOB, type NoticeEvent } from "./kinds";
import { buildRequest, deliveredOk, type NoticeContent } from "./messages";

const SEND_TIMEOUT_MS = 10_000;

export function channelEvents(eventsJson: string): NoticeEvent[] {
  return JSON.parse(eventsJson) as NoticeEvent[];
}

async function contentOf(notice: Notice): Promise<NoticeContent | null> {
  const db = getDb();
  const order = await getOrderByNo(db, notice.orderNo);
  if (!order) return null;
  const form = await getFormById(db, order.formId);
  const lines = [
    `表单：${form?.title ?? "（已删除）"}`,
    `金额：${formatFenGrouped(order.amountFen)}`,
    `支付方式：${methodText(order.provider, order.channel)}`,
    `订单号：${order.orderNo}`,
  ];
  if (order.paidAt) lines.push(`支付时间：${beijingDateTime(order.paidAt)}（北京时间）`);
  if (notice.text) lines.push(notice.text);
  return { event: notice.event, title: `【${NOTICE_EVENT_LABELS[notice.event]}】${form?.title ?? ""}`, lines, orderNo: order.orderNo };
}

/** Sends one message now; throws when the channel did not take it (the job retries). */
export async function sendToChannel(channelId: number, content: NoticeContent): Promise<void> {
  const channel = await getChannel(getDb(), channelId);
  if (!channel || !channel.enabled) return; // removed or switched off since: nothing to do
  const { url, init } = buildRequest(channel.kind, openChannelSecrets(channel.kind, channel.secretsEncrypted), content);
  const res = await fetch(url, { ...init, redirect: "error", signal: AbortSignal.timeout(SEND_TIMEOUT_MS) });
  const { ok, why } = await deliveredOk(channel.kind, res);
  if (!ok) throw new Error(`通知渠道 ${channel.name} 未接收：${why}`);
}

export function registerNotificationJobs(): void {
  registerJob(NOTICE_SEND_JOB, async ({ payload }) => {
    const { channelId, notice } = payload as { channelId: number; notice: Notice };
    const content = await contentOf(notice);
    if (content) await sendToChannel(channelId, content);
  });
}
