// The one database of this process: SQLite (a file, data/app.db by default) or PostgreSQL,
// chosen by DATABASE_URL. Query functions in db/queries take getDb() or a transaction's handle.
import path from "node:path";
import type { SQL } from "drizzle-orm";
import { DATABASE_ENGINE, engineOf } from "./engine";
import { openPostgres } from "./drivers/pg";
import { openSqlite } from "./drivers/sqlite";
import type { Database, Db } from "./drivers/types";

export type { Db, DbOrTx } from "./drivers/types";

// One database handle per process, even when Next loads this module more than once (start-up
// and routes are bundled apart): two SQLite connections in one process would wait on each other.
const HANDLE = Symbol.for("pay-forms.database");
type Holder = { [HANDLE]?: { url: string; database: Database } | null };
const holder = globalThis as Holder;

function databaseUrl(): string {
  return process.env.DATABASE_URL || "data/app.db";
}

/** The SQLite file (for the files kept next to it); meaningless on PostgreSQL. */
export function databaseFile(): string {
  const url = databaseUrl();
  return url.startsWith("file:") ? url.slice("file:".length) : url;
}

function database(): Database {
  const url = databaseUrl();
  const current = holder[HANDLE];
  if (current && current.url === url) return current.database;
  if (current) void current.database.close();
  if (engineOf(url) !== DATABASE_ENGINE) {
    throw new Error(`DATABASE_URL changed engine after start (${DATABASE_ENGINE} → ${engineOf(url)}): restart the process`);
  }
  const database =
    DATABASE_ENGINE === "postgres"
      ? openPostgres(url, path.join(process.cwd(), "db", "migrations", "pg"), Number(process.env.DATABASE_POOL_SIZE) || 10)
      : openSqlite(databaseFile(), path.join(process.cwd(), "db", "migrations", "sqlite"));
  holder[HANDLE] = { url, database };
  return database;
}

/** The shared database handle, opened (and migrated) on first use. */
export function getDb(): Db {
  return database().db;
}

/** Resolves once the database is open and migrated (PostgreSQL migrates asynchronously). */
export async function databaseReady(): Promise<void> {
  await database().ready;
}

/**
 * Runs fn in one transaction and returns its value. Never call a payment platform inside: keep
 * transactions short. Nested calls join the outer transaction.
 */
export function transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
  return database().transaction(fn);
}

/** Runs fn once the current transaction has committed (at once outside a transaction). */
export function afterCommit(fn: () => void): void {
  database().afterCommit(fn);
}

/** Rows of a raw statement (for the few things drizzle's shared surface cannot say), as objects. */
export function rawRows<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  return database().rawRows<T>(db, query);
}

export const databaseEngine = DATABASE_ENGINE;

export async function closeDb(): Promise<void> {
  const open = holder[HANDLE];
  holder[HANDLE] = null;
  await open?.database.close();
}
