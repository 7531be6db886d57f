// 导出提交记录: a form's submissions with their payment facts, as CSV (streamed page by page) or
// xlsx. Both are written from one table description (lib/exports), so long numbers stay text in both.
import "server-only";
import { getDb, type DbOrTx } from "@/db/client";
import { pageOfSubmissions, type SubmissionFilter } from "@/db/queries/admin-submissions";
import { lastRefundTimes, ordersOfSubmissions, type SubmissionOrderFacts } from "@/db/queries/export-orders";
import type { FormRow } from "@/db/queries/forms";
import { AppError } from "@/lib/errors";
import { BOM, csvCell as cell, csvValue } from "@/lib/exports/csv";
import type { ExportColumn, ExportTable, ExportValue } from "@/lib/exports/table";
import { xlsxBuffer, xlsxResponse } from "@/lib/exports/xlsx";
import { methodText } from "@/lib/ui/format";
import { beijingDateStamp } from "./beijing-time";
import { loadFormRow, submissionColumns, viewSubmissions, type SubmissionColumn } from "./submissions";
import { EXPORT_MAX_ROWS } from "./orders-export";

export { BOM };
const BATCH = 500;

/** One cell, RFC 4180, with formula injection neutralised (OWASP: prefix a single quote). */
export const csvCell = cell;

export function csvLine(cells: string[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

function exportColumns(columns: SubmissionColumn[]): ExportColumn[] {
  return [
    { header: "提交编号", kind: "int", width: 10 },
    { header: "提交时间（北京时间）", kind: "time" },
    ...columns.map((c): ExportColumn => ({ header: c.label, kind: "text", width: 16 })),
    { header: "金额（元）", kind: "fen" },
    { header: "支付状态", kind: "text", width: 10 },
    { header: "支付方式", kind: "text", width: 20 },
    { header: "订单号", kind: "text", width: 28 },
    { header: "平台交易号", kind: "text", width: 32 },
    { header: "支付时间（北京时间）", kind: "time" },
    { header: "已退款（元）", kind: "fen" },
    { header: "最近退款时间（北京时间）", kind: "time", width: 24 },
  ];
}

/** The order a submission's payment facts come from: its paid one, else its newest. */
function mainOrder(orders: SubmissionOrderFacts[]): SubmissionOrderFacts | undefined {
  return orders.find((o) => o.paidAt !== null) ?? orders[0];
}

async function* rowBatches(db: DbOrTx, form: FormRow, filter: SubmissionFilter, columns: SubmissionColumn[]): AsyncGenerator<ExportValue[][]> {
  let before: number | null = null;
  for (;;) {
    const rows = await pageOfSubmissions(db, form.id, filter, before, BATCH);
    if (!rows.length) return;
    const views = await viewSubmissions(db, rows, columns);
    const orders = await ordersOfSubmissions(db, rows.map((r) => r.id));
    const main = new Map(rows.map((r) => [r.id, mainOrder(orders.get(r.id) ?? [])]));
    const refundedAt = await lastRefundTimes(db, [...main.values()].flatMap((o) => (o ? [o.orderId] : [])));
    yield views.map((s) => {
      const o = main.get(s.id);
      return [
        s.id,
        s.createdAt,
        // A fixed or payer-typed payment field has no answer of its own: the amount is its value.
        ...columns.map((c) => (c.type === "payment" && s.cells[c.id] === "" && s.amountFen > 0 ? s.amountYuan : s.cells[c.id])),
        s.amountFen,
        s.paymentStatusText,
        o ? methodText(o.provider, o.channel) : null,
        o?.orderNo ?? null,
        o?.platformTradeNo ?? null,
        o?.paidAt ?? null,
        o && o.refundedFen > 0 ? o.refundedFen : null,
        o ? (refundedAt.get(o.orderId) ?? null) : null,
      ];
    });
    if (rows.length < BATCH) return;
    before = rows[rows.length - 1].id;
  }
}

/** The export in chunks of up to BATCH lines, read page by page so a large form never sits in memory whole. */
export async function* submissionsCsv(form: FormRow, filter: SubmissionFilter): AsyncGenerator<string> {
  const db = getDb();
  const columns = exportColumns(await submissionColumns(db, form));
  yield BOM + csvLine(columns.map((c) => c.header));
  for await (const batch of rowBatches(db, form, filter, await submissionColumns(db, form))) {
    yield batch.map((row) => `${row.map((v, i) => csvValue(columns[i].kind, v)).join(",")}\r\n`).join("");
  }
}

export async function submissionsTable(form: FormRow, filter: SubmissionFilter): Promise<ExportTable> {
  const db = getDb();
  const fieldColumns = await submissionColumns(db, form);
  const rows: ExportValue[][] = [];
  for await (const batch of rowBatches(db, form, filter, fieldColumns)) {
    rows.push(...batch);
    if (rows.length > EXPORT_MAX_ROWS) throw new AppError("unprocessable_entity", `提交记录超过 ${EXPORT_MAX_ROWS.toLocaleString("zh-CN")} 条，请用 CSV 导出或先筛选`);
  }
  return { sheetName: "提交记录", columns: exportColumns(fieldColumns), rows };
}

export async function csvResponse(formId: number, filter: SubmissionFilter): Promise<Response> {
  const form = await loadFormRow(getDb(), formId); // a 404 before the stream starts
  const chunks = submissionsCsv(form, filter);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined); // the download was abandoned: stop reading pages
    },
  });
  const name = `${form.title}-提交记录-${beijingDateStamp(Date.now())}.csv`;
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="form-${form.id}-submissions.csv"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Cache-Control": "no-store",
    },
  });
}

export async function xlsxSubmissionsResponse(formId: number, filter: SubmissionFilter): Promise<Response> {
  const form = await loadFormRow(getDb(), formId);
  const buffer = await xlsxBuffer([await submissionsTable(form, filter)]);
  return xlsxResponse(buffer, `form-${form.id}-submissions.xlsx`, `${form.title}-提交记录-${beijingDateStamp(Date.now())}.xlsx`);
}
