// What the emulated bills keep: the fee rate, per-day availability overrides, planted differences
// (test controls), and the generated files behind short-lived download tokens.
import crypto from "node:crypto";
import { ensureTables } from "../store";

/** WeChat's standard rate for most categories: 0.60%. */
export const DEFAULT_FEE_RATE_BP = 60;
/** download_url lives 30 s in the older doc, 5 min in the newer: the longer one. */
export const DOWNLOAD_TTL_MS = 5 * 60 * 1000;

function db() {
  return ensureTables(
    "wx_bills",
    `CREATE TABLE IF NOT EXISTS wx_bill_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
     CREATE TABLE IF NOT EXISTS wx_bill_days (bill_date TEXT PRIMARY KEY, availability TEXT NOT NULL);
     CREATE TABLE IF NOT EXISTS wx_bill_plants (
       kind TEXT NOT NULL, number TEXT NOT NULL, omit INTEGER NOT NULL DEFAULT 0, amount_fen INTEGER,
       PRIMARY KEY (kind, number));
     CREATE TABLE IF NOT EXISTS wx_bill_files (
       token TEXT PRIMARY KEY, mchid TEXT NOT NULL, bill_date TEXT NOT NULL, gzip INTEGER NOT NULL,
       content BLOB NOT NULL, expires_at INTEGER NOT NULL);`,
  );
}

export function feeRateBp(): number {
  const row = db().prepare(`SELECT value FROM wx_bill_settings WHERE name = 'fee_rate_bp'`).get() as { value: string } | undefined;
  return row ? Number(row.value) : DEFAULT_FEE_RATE_BP;
}

export function setFeeRateBp(rateBp: number): void {
  db()
    .prepare(`INSERT INTO wx_bill_settings (name, value) VALUES ('fee_rate_bp', ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value`)
    .run(String(rateBp));
}

/** "ready": served whatever the clock says; "creating": STATEMENT_CREATING whatever it says. */
export type DayAvailability = "ready" | "creating";

export function dayAvailability(billDate: string): DayAvailability | null {
  const row = db().prepare(`SELECT availability FROM wx_bill_days WHERE bill_date = ?`).get(billDate) as { availability: DayAvailability } | undefined;
  return row?.availability ?? null;
}

export function setDayAvailability(billDate: string, availability: DayAvailability | null): void {
  if (availability === null) db().prepare(`DELETE FROM wx_bill_days WHERE bill_date = ?`).run(billDate);
  else {
    db()
      .prepare(`INSERT INTO wx_bill_days (bill_date, availability) VALUES (?, ?) ON CONFLICT(bill_date) DO UPDATE SET availability = excluded.availability`)
      .run(billDate, availability);
  }
}

export type PlantKind = "trade" | "refund";
export interface Plant {
  omit: boolean;
  /** The amount the bill shows instead of the real one. */
  amountFen: number | null;
}

export function plantFor(kind: PlantKind, number: string): Plant | null {
  const row = db().prepare(`SELECT omit, amount_fen FROM wx_bill_plants WHERE kind = ? AND number = ?`).get(kind, number) as
    | { omit: number; amount_fen: number | null }
    | undefined;
  return row ? { omit: row.omit === 1, amountFen: row.amount_fen } : null;
}

export function setPlant(kind: PlantKind, number: string, plant: Plant | null): void {
  if (plant === null) db().prepare(`DELETE FROM wx_bill_plants WHERE kind = ? AND number = ?`).run(kind, number);
  else {
    db()
      .prepare(
        `INSERT INTO wx_bill_plants (kind, number, omit, amount_fen) VALUES (?, ?, ?, ?)
         ON CONFLICT(kind, number) DO UPDATE SET omit = excluded.omit, amount_fen = excluded.amount_fen`,
      )
      .run(kind, number, plant.omit ? 1 : 0, plant.amountFen);
  }
}

export interface BillFile {
  token: string;
  mchId: string;
  billDate: string;
  gzip: boolean;
  content: Buffer;
  expiresAt: number;
}

export function storeBillFile(file: Omit<BillFile, "token" | "expiresAt">, now = Date.now()): BillFile {
  const token = crypto.randomBytes(24).toString("base64url");
  const expiresAt = now + DOWNLOAD_TTL_MS;
  const conn = db();
  // Old links are useless once expired; keep the table small.
  conn.prepare(`DELETE FROM wx_bill_files WHERE expires_at < ?`).run(now);
  conn
    .prepare(`INSERT INTO wx_bill_files (token, mchid, bill_date, gzip, content, expires_at) VALUES (?, ?, ?, ?, ?, ?)`)
    .run(token, file.mchId, file.billDate, file.gzip ? 1 : 0, file.content, expiresAt);
  return { ...file, token, expiresAt };
}

export function findBillFile(token: string): BillFile | null {
  const row = db().prepare(`SELECT * FROM wx_bill_files WHERE token = ?`).get(token) as
    | { token: string; mchid: string; bill_date: string; gzip: number; content: Buffer; expires_at: number }
    | undefined;
  if (!row) return null;
  return { token: row.token, mchId: row.mchid, billDate: row.bill_date, gzip: row.gzip === 1, content: row.content, expiresAt: row.expires_at };
}
