import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
// A transaction handle has the same query surface; queries accept either.
export type DbOrTx = Db | Parameters<Parameters<Db["transaction"]>[0]>[0];

const MIGRATIONS_DIR = path.join(process.cwd(), "db", "migrations");

let current: { file: string; sqlite: Database.Database; db: Db } | null = null;

export function databaseFile(): string {
  const url = process.env.DATABASE_URL || "data/app.db";
  return url.startsWith("file:") ? url.slice("file:".length) : url;
}

/** The one shared connection, opened (and migrated) on first use. */
export function getDb(): Db {
  const file = databaseFile();
  if (current && current.file === file) return current.db;
  if (current) current.sqlite.close();
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(/*turbopackIgnore: true*/ file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  // Concurrent writers (the app and a test runner, or two workers) wait instead of failing.
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  current = { file, sqlite, db };
  return db;
}

export function closeDb(): void {
  current?.sqlite.close();
  current = null;
}
