import { and, desc, eq, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { firstRow } from "./rows";
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
export async function pageOfSubmissions(db: DbOrTx, formId: number, filter: SubmissionFilter, beforeId: number | null, limit: number): Promise<SubmissionRow[]> {
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
    .limit(limit);
}

export async function countSubmissions(db: DbOrTx, formId: number, filter: SubmissionFilter): Promise<number> {
  const row = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(submissions)
    .where(
      and(
        eq(submissions.formId, formId),
        filter.paymentStatus ? eq(submissions.paymentStatus, filter.paymentStatus) : undefined,
        filter.q ? sql`${submissions.searchText} like ${likePattern(filter.q)} escape '\\'` : undefined,
      ),
    )
    .limit(1).then(firstRow);
  return Number(row?.n ?? 0);
}

/** One stored field list per form version that has submissions, newest version first. */
export async function snapshotsByVersion(db: DbOrTx, formId: number): Promise<{ version: number; fieldsJson: string }[]> {
  const firsts = await db
    .select({ version: submissions.formVersion, id: sql<number>`min(${submissions.id})`.mapWith(Number) })
    .from(submissions)
    .where(eq(submissions.formId, formId))
    .groupBy(submissions.formVersion);
  if (!firsts.length) return [];
  const rows = await db
    .select({ version: submissions.formVersion, fieldsJson: submissions.fieldsSnapshotJson })
    .from(submissions)
    .where(inArray(submissions.id, firsts.map((f) => Number(f.id))));
  return rows.sort((a, b) => b.version - a.version);
}

export async function orderNosOf(db: DbOrTx, submissionIds: number[]): Promise<Map<number, { orderNo: string; status: string }[]>> {
  const result = new Map<number, { orderNo: string; status: string }[]>();
  if (!submissionIds.length) return result;
  const rows = await db
    .select({ submissionId: paymentOrders.submissionId, orderNo: paymentOrders.orderNo, status: paymentOrders.status })
    .from(paymentOrders)
    .where(inArray(paymentOrders.submissionId, submissionIds))
    .orderBy(desc(paymentOrders.id));
  for (const row of rows) {
    const list = result.get(row.submissionId) ?? [];
    list.push({ orderNo: row.orderNo, status: row.status });
    result.set(row.submissionId, list);
  }
  return result;
}
