// CSV export of a form's submissions that Excel opens correctly: UTF-8 with a BOM (or Excel
// guesses GBK and the Chinese turns to mojibake), CRLF line ends, RFC 4180 quoting, and no cell
// that Excel would run as a formula.
import "server-only";
import { getDb } from "@/db/client";
import { pageOfSubmissions, type SubmissionFilter } from "@/db/queries/admin-submissions";
import type { FormRow } from "@/db/queries/forms";
import { beijingDateStamp } from "./beijing-time";
import { loadFormRow, submissionColumns, viewSubmissions } from "./submissions";

export const BOM = "\uFEFF";
const BATCH = 500;

/** One cell, RFC 4180, with formula injection neutralised (OWASP: prefix a single quote). */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(cells: string[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** The export in chunks of up to BATCH lines, read page by page so a large form never sits in memory whole. */
export async function* submissionsCsv(form: FormRow, filter: SubmissionFilter): AsyncGenerator<string> {
  const db = getDb();
  const columns = await submissionColumns(db, form);
  yield BOM + csvLine(["提交编号", "提交时间（北京时间）", ...columns.map((c) => c.label), "金额（元）", "支付状态", "订单号"]);
  let before: number | null = null;
  for (;;) {
    const rows = await pageOfSubmissions(db, form.id, filter, before, BATCH);
    if (!rows.length) return;
    const views = await viewSubmissions(db, rows, columns);
    yield views
      .map((s) =>
        csvLine([
          String(s.id),
          s.createdAtText,
          ...columns.map((c) => s.cells[c.id]),
          s.amountYuan,
          s.paymentStatusText,
          s.orders.map((o) => o.orderNo).join(" "),
        ]),
      )
      .join("");
    if (rows.length < BATCH) return;
    before = rows[rows.length - 1].id;
  }
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
