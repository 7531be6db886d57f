import { and, desc, eq, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { paymentOrders, submissions } from "../schema";
import type { SubmissionRow } from "./submissions";

export type PaymentStatus = SubmissionRow["paymentStatus"];

export interface SubmissionFilter {
  paymentStatus?: PaymentStatus;
  /** Matched anywhere in the answers' search text. */
  q?: string;
}

function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Newest first, keyset-paginated by id (pass the last id seen as beforeId). */
export function pageOfSubmissions(db: DbOrTx, formId: number, filter: SubmissionFilter, beforeId: number | null, limit: number): SubmissionRow[] {
  const conditions: (SQL | undefined)[] = [
    eq(submissions.formId, formId),
    filter.paymentStatus ? eq(submissions.paymentStatus, filter.paymentStatus) : undefined,
    filter.q ? sql`${submissions.searchText} like ${likePattern(filter.q)} escape '\\'` : undefined,
    beforeId !== null ? lt(submissions.id, beforeId) : undefined,
  ];
  return db
    .select()
    .from(submissions)
    .where(and(...conditions))
    .orderBy(desc(submissions.id))
    .limit(limit)
    .all();
}

export function countSubmissions(db: DbOrTx, formId: number, filter: SubmissionFilter): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(submissions)
    .where(
      and(
        eq(submissions.formId, formId),
        filter.paymentStatus ? eq(submissions.paymentStatus, filter.paymentStatus) : undefined,
        filter.q ? sql`${submissions.searchText} like ${likePattern(filter.q)} escape '\\'` : undefined,
      ),
    )
    .get();
  return Number(row?.n ?? 0);
}

/** One stored field list per form version that has submissions, newest version first. */
export function snapshotsByVersion(db: DbOrTx, formId: number): { version: number; fieldsJson: string }[] {
  const firsts = db
    .select({ version: submissions.formVersion, id: sql<number>`min(${submissions.id})` })
    .from(submissions)
    .where(eq(submissions.formId, formId))
    .groupBy(submissions.formVersion)
    .all();
  if (!firsts.length) return [];
  const rows = db
    .select({ version: submissions.formVersion, fieldsJson: submissions.fieldsSnapshotJson })
    .from(submissions)
    .where(inArray(submissions.id, firsts.map((f) => Number(f.id))))
    .all();
  return rows.sort((a, b) => b.version - a.version);
}

export function orderNosOf(db: DbOrTx, submissionIds: number[]): Map<number, { orderNo: string; status: string }[]> {
  const result = new Map<number, { orderNo: string; status: string }[]>();
  if (!submissionIds.length) return result;
  const rows = db
    .select({ submissionId: paymentOrders.submissionId, orderNo: paymentOrders.orderNo, status: paymentOrders.status })
    .from(paymentOrders)
    .where(inArray(paymentOrders.submissionId, submissionIds))
    .orderBy(desc(paymentOrders.id))
    .all();
  for (const row of rows) {
    const list = result.get(row.submissionId) ?? [];
    list.push({ orderNo: row.orderNo, status: row.status });
    result.set(row.submissionId, list);
  }
  return result;
}
