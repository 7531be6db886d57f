// SQLite column types for the one schema in db/tables.ts. Timestamps are integer milliseconds,
// money integer fen, booleans 0/1.
import { sql, type SQL } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";

export const sqliteColumns = {
  table: sqliteTable,
  index,
  uniqueIndex,
  id: (name: string) => integer(name).primaryKey({ autoIncrement: true }),
  text: (name: string) => text(name),
  int: (name: string) => integer(name),
  /** Milliseconds since the epoch. */
  ms: (name: string) => integer(name),
  /** Integer fen. */
  fen: (name: string) => integer(name),
  bool: (name: string) => integer(name, { mode: "boolean" }),
  isTrue: (column: AnySQLiteColumn): SQL => sql`${column} = 1`,
};

export type Columns = typeof sqliteColumns;
