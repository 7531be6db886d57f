// CSV that Excel opens as meant: UTF-8 with a BOM (or Excel guesses GBK), CRLF, RFC 4180 quoting,
// no cell Excel would run as a formula, and long digit strings written ="…" so they stay text
// (a bare 24-digit order number becomes 2.02603E+23 and loses its last digits).
import { beijingDateTime } from "@/lib/admin/beijing-time";
import { toYuan } from "@/lib/money";
import type { ExportKind, ExportTable, ExportValue } from "./table";

export const BOM = "\uFEFF";

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One cell, with formula injection neutralised (OWASP: prefix a single quote). */
export function csvCell(value: string): string {
  return quote(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
}

/** Digits Excel would mangle (12 or more, or a leading zero) as an ="…" text formula we write ourselves. */
export function csvTextCell(value: string): string {
  if (/^\d{12,}$/.test(value) || /^0\d+$/.test(value)) return quote(`="${value}"`);
  return csvCell(value);
}

export function csvValue(kind: ExportKind, value: ExportValue): string {
  if (value === null || value === "") return "";
  if (kind === "fen") return toYuan(Number(value));
  if (kind === "time") return beijingDateTime(Number(value));
  if (kind === "int") return String(value);
  return csvTextCell(String(value));
}

export function csvLine(cells: string[]): string {
  return `${cells.join(",")}\r\n`;
}

export function csvText(table: ExportTable): string {
  const lines = [csvLine(table.columns.map((c) => csvCell(c.header)))];
  for (const row of table.rows) lines.push(csvLine(row.map((v, i) => csvValue(table.columns[i].kind, v))));
  return BOM + lines.join("");
}

export function csvResponseOf(text: string, asciiName: string, name: string): Response {
  return new Response(text, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Cache-Control": "no-store",
    },
  });
}
