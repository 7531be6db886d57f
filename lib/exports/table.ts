// One export, two files: a table described once (columns with a kind) is written as xlsx or CSV.
// "text" cells hold long numbers (order and trade numbers) that Excel must not turn into 1.2E+23.
export type ExportKind = "text" | "fen" | "time" | "int";

export interface ExportColumn {
  header: string;
  kind: ExportKind;
  /** Excel column width in characters. */
  width?: number;
}

/** text: string; fen: integer fen; time: epoch ms; int: integer; null: empty cell. */
export type ExportValue = string | number | null;

export interface ExportTable {
  sheetName: string;
  columns: ExportColumn[];
  rows: ExportValue[][];
}
