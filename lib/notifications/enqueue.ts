// Telling admins: called in the transaction that makes the change (pass tx), so a notice is
// queued exactly when the change commits — never lost to a crash after commit, never queued
// for a change that rolled back, and once however many instances there are (the unique key).
// One send job per matching channel; with no channel set up nothing is queued at all.
import type { DbOrTx } from "@/db/client";
import { channelsForForm } from "@/db/queries/notification-channels";
import { enqueueJob } from "@/lib/jobs/queue";
import { NOTICE_SEND_JOB, type NoticeEvent } from "./kinds";

export interface Notice {
  event: NoticeEvent;
  orderNo: string;
  /** Tells notices of one order and event apart: e.g. "late", "duplicate", a refund number. */
  key?: string;
  /** A sentence for the message (an anomaly's description); no personal data. */
  text?: string;
}

export async function enqueueNotice(tx: DbOrTx, formId: number, notice: Notice): Promise<void> {
  for (const channel of await channelsForForm(tx, formId)) {
    if (!(JSON.parse(channel.eventsJson) as string[]).includes(notice.event)) continue;
    await enqueueJob(tx, {
      kind: NOTICE_SEND_JOB,
      uniqueKey: `notice:${notice.event}:${notice.orderNo}:${notice.key ?? ""}:channel:${channel.id}`,
      payload: { channelId: channel.id, notice },
      maxAttempts: 6,
    });
  }
}
