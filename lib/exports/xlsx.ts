// xlsx with ExcelJS: long numbers as text cells, money as numbers formatted to two decimals,
// times as Beijing-time text (Excel has no zones; text says exactly what the console says).
import "server-only";
import ExcelJS from "exceljs";
import { beijingDateTime } from "@/lib/admin/beijing-time";
import { toYuan } from "@/lib/money";
import type { ExportTable, ExportValue, ExportKind } from "./table";

function cellValue(kind: ExportKind, value: ExportValue): string | number | null {
  if (value === null || value === "") return null;
  if (kind === "fen") return Number(toYuan(Number(value))); // yuan only here, at the file's edge
  if (kind === "time") return beijingDateTime(Number(value));
  if (kind === "int") return Number(value);
  return String(value);
}

export async function xlsxBuffer(tables: ExportTable[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.created = new Date();
  for (const table of tables) {
    const sheet = book.addWorksheet(table.sheetName.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = table.columns.map((c) => ({
      header: c.header,
      width: c.width ?? (c.kind === "text" ? 24 : c.kind === "time" ? 20 : 12),
      style: c.kind === "fen" ? { numFmt: "#,##0.00" } : c.kind === "text" ? { numFmt: "@" } : {},
    }));
    sheet.getRow(1).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row.map((v, i) => cellValue(table.columns[i].kind, v)));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

export function xlsxResponse(buffer: Buffer, asciiName: string, name: string): Response {
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Cache-Control": "no-store",
    },
  });
}
