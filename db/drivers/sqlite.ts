// SQLite through better-sqlite3 behind drizzle's async interface. better-sqlite3 is synchronous
// and one connection has one transaction at a time, so every statement and transaction of this
// process takes one async lock, and transactions that queue up behind each other are committed
// together (./sqlite-group-commit.ts); write transactions start with BEGIN IMMEDIATE so a second process
// on the same file waits (busy_timeout) instead of failing half-way, and a database still locked
// after that is retried rather than answered 500.
import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import type { SQL } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import { drizzle } from "drizzle-orm/sqlite-proxy";
import { schema } from "../schema";
import { Mutex } from "./mutex";
import { groupCommitter } from "./sqlite-group-commit";
import type { Database, Db, TxContext } from "./types";

const STATEMENT_CACHE_SIZE = 500;
const BUSY_RETRIES = 5;

type Method = "run" | "all" | "values" | "get";

export function openSqlite(file: string, migrationsFolder: string): Database {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(/*turbopackIgnore: true*/ file)), { recursive: true, mode: 0o700 });
  const connection = new BetterSqlite3(file);
  connection.pragma("journal_mode = WAL");
  connection.pragma("foreign_keys = ON");
  connection.pragma("busy_timeout = 5000");
  connection.pragma("synchronous = NORMAL");
  migrate(connection, migrationsFolder);

  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepare = (text: string) => {
    let statement = statements.get(text);
    if (!statement) {
      if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
      statement = connection.prepare(text);
      statements.set(text, statement);
    }
    return statement;
  };
  const execute = (text: string, params: unknown[], method: Method) => {
    const statement = prepare(text);
    const bound = params.map(toSqliteValue);
    if (method === "run" || !statement.reader) {
      statement.run(...bound);
      return { rows: [] as unknown[] };
    }
    statement.raw(true);
    return method === "get" ? { rows: statement.get(...bound) as unknown[] } : { rows: statement.all(...bound) as unknown[] };
  };

  const lock = new Mutex();
  const context = new AsyncLocalStorage<TxContext>();
  const db: Db = drizzle(
    async (text, params, method) => {
      if (context.getStore()) throw new Error("a query inside a transaction must use the transaction's handle (tx)");
      return lock.run(() => execute(text, params, method));
    },
    { schema },
  );
  const tx: Db = drizzle(async (text, params, method) => execute(text, params, method), { schema });
  const dialect = new SQLiteAsyncDialect();
  const transactionInBatch = groupCommitter({ connection, lock, context, tx, begin: () => beginImmediate(connection) });

  return {
    engine: "sqlite",
    db,
    ready: Promise.resolve(),
    async transaction(fn) {
      const outer = context.getStore();
      if (outer) return fn(outer.tx);
      return transactionInBatch(fn);
    },
    afterCommit(fn) {
      const store = context.getStore();
      if (store) store.afterCommit.push(fn);
      else fn();
    },
    async rawRows<T>(handle: Db, query: SQL) {
      const { sql: text, params } = dialect.sqlToQuery(query);
      const run = () => {
        const statement = prepare(text);
        const bound = params.map(toSqliteValue);
        if (!statement.reader) {
          statement.run(...bound);
          return [] as T[];
        }
        statement.raw(false);
        return statement.all(...bound) as T[];
      };
      if (handle === tx) return run();
      if (context.getStore()) throw new Error("a query inside a transaction must use the transaction's handle (tx)");
      return lock.run(run);
    },
    async close() {
      await lock.run(() => connection.close());
    },
  };
}

/** BEGIN IMMEDIATE takes the write lock now; another process holding it past busy_timeout is waited out. */
async function beginImmediate(connection: BetterSqlite3.Database): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      connection.prepare("BEGIN IMMEDIATE").run();
      return;
    } catch (error) {
      if (!isBusy(error) || attempt >= BUSY_RETRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * (attempt + 1)));
    }
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === "SQLITE_BUSY" || code === "SQLITE_LOCKED";
}

function toSqliteValue(value: unknown): unknown {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value === undefined) return null;
  return value;
}

/**
 * Applies drizzle-kit's migrations in one BEGIN IMMEDIATE transaction, so two processes starting
 * on one file do not both migrate: the second waits, then finds nothing left to apply. Uses
 * drizzle's own bookkeeping table, so databases migrated by drizzle's migrator stay compatible.
 */
function migrate(connection: BetterSqlite3.Database, migrationsFolder: string): void {
  const migrations = readMigrationFiles({ migrationsFolder });
  connection.exec(
    "CREATE TABLE IF NOT EXISTS __drizzle_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, hash text NOT NULL, created_at numeric)",
  );
  connection.prepare("BEGIN IMMEDIATE").run();
  try {
    const last = connection.prepare("SELECT created_at FROM __drizzle_migrations ORDER BY created_at DESC LIMIT 1").get() as
      | { created_at: number }
      | undefined;
    for (const migration of migrations) {
      if (last && Number(last.created_at) >= migration.folderMillis) continue;
      for (const statement of migration.sql) if (statement.trim()) connection.exec(statement);
      connection.prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)").run(migration.hash, migration.folderMillis);
    }
    connection.prepare("COMMIT").run();
  } catch (error) {
    if (connection.inTransaction) connection.prepare("ROLLBACK").run();
    throw error;
  }
}
