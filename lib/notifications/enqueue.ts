// Telling admins: called in the transaction that makes the change (pass tx), so a notice is
// queued exactly when the change commits — never lost to a crash after commit, never queued
// for a change that rolled back, and once however many instances there are (the unique key).
import type { DbOrTx } from "@/db/client";
import { enqueueJob } from "@/lib/jobs/queue";
import { NOTICE_FANOUT_JOB, type NoticeEvent } from "./kinds";

export interface Notice {
  event: NoticeEvent;
  orderNo: string;
  /** Tells notices of one order and event apart: e.g. "late", "duplicate", a refund number. */
  key?: string;
  /** A sentence for the message (an anomaly's description); no personal data. */
  text?: string;
}

export async function enqueueNotice(tx: DbOrTx, notice: Notice): Promise<void> {
  await enqueueJob(tx, {
    kind: NOTICE_FANOUT_JOB,
    uniqueKey: `notice:${notice.event}:${notice.orderNo}:${notice.key ?? ""}`,
    payload: notice,
    maxAttempts: 5,
  });
}
