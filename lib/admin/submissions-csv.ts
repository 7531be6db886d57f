// CSV export of a form's submissions that Excel opens correctly: UTF-8 with a BOM (or Excel
// guesses GBK and the Chinese turns to mojibake), CRLF line ends, RFC 4180 quoting, and no cell
// that Excel would run as a formula.
import "server-only";
import { getDb } from "@/db/client";
import { pageOfSubmissions, type SubmissionFilter } from "@/db/queries/admin-submissions";
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

/** The export's lines, read in batches so a large form never sits in memory whole. */
export function* submissionsCsv(formId: number, filter: SubmissionFilter): Generator<string> {
  const db = getDb();
  const form = loadFormRow(db, formId);
  const columns = submissionColumns(db, form);
  yield BOM + csvLine(["提交编号", "提交时间（北京时间）", ...columns.map((c) => c.label), "金额（元）", "支付状态", "订单号"]);
  let before: number | null = null;
  for (;;) {
    const rows = pageOfSubmissions(db, form.id, filter, before, BATCH);
    if (!rows.length) return;
    for (const s of viewSubmissions(db, rows, columns)) {
      yield csvLine([
        String(s.id),
        s.createdAtText,
        ...columns.map((c) => s.cells[c.id]),
        s.amountYuan,
        s.paymentStatusText,
        s.orders.map((o) => o.orderNo).join(" "),
      ]);
    }
    if (rows.length < BATCH) return;
    before = rows[rows.length - 1].id;
  }
}

export function csvResponse(formId: number, filter: SubmissionFilter): Response {
  const form = loadFormRow(getDb(), formId); // a 404 before the stream starts
  const lines = submissionsCsv(form.id, filter);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      let chunk = "";
      for (let i = 0; i < BATCH; i++) {
        const next = lines.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += next.value;
      }
      controller.enqueue(encoder.encode(chunk));
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
