// PostgreSQL column types for the one schema in db/tables.ts, shaped like the SQLite ones so the
// schema (and every query) is written once. Milliseconds and fen are bigint read as JS numbers
// (exact up to 2^53).
import { sql, type SQL } from "drizzle-orm";
import { bigint, boolean, index, integer, pgTable, serial, text, uniqueIndex, type AnyPgColumn } from "drizzle-orm/pg-core";
import type { Columns } from "./sqlite";

const pg = {
  table: pgTable,
  index,
  uniqueIndex,
  id: (name: string) => serial(name).primaryKey(),
  text: (name: string) => text(name),
  int: (name: string) => integer(name),
  ms: (name: string) => bigint(name, { mode: "number" }),
  fen: (name: string) => bigint(name, { mode: "number" }),
  bool: (name: string) => boolean(name),
  isTrue: (column: AnyPgColumn): SQL => sql`${column} = true`,
};

// The builders differ in their TypeScript types only; the schema is typed by its SQLite build.
export const pgColumns = pg as unknown as Columns;
