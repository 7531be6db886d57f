// PostgreSQL through node-postgres (pg) with a pool, behind the same drizzle surface as SQLite.
// Transactions run at READ COMMITTED (PostgreSQL's default); each one's safety rests on
// conditional updates, unique indexes or row locks, as its comment says. Queries wait until the
// migrations have run; two processes starting at once migrate under an advisory lock.
import { AsyncLocalStorage } from "node:async_hooks";
import type { SQL } from "drizzle-orm";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { schema } from "../schema";
import type { Database, Db, TxContext } from "./types";

// Any fixed number: the key of the advisory lock that serialises migrations across processes.
const MIGRATION_LOCK_KEY = 7_274_001;
const RETRYABLE = new Set(["40P01", "40001"]); // deadlock detected, serialization failure
const RETRIES = 3;

export function openPostgres(url: string, migrationsFolder: string, poolSize = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client dropped by the server: the pool replaces it on the next query.
  pool.on("error", (error) => process.emitWarning(`idle PostgreSQL client failed: ${error.message}`));
  const pgDb = drizzle({ client: pool, schema }) as unknown as NodePgDatabase<typeof schema>;
  const ready = runMigrations(pool, migrationsFolder);
  ready.catch(() => undefined); // reported to whoever awaits it

  // Every query waits for the migrations: a handler that runs before start-up finished still sees the schema.
  const gatedQuery = pool.query.bind(pool);
  const gatedConnect = pool.connect.bind(pool);
  let migrated = false;
  ready.then(() => (migrated = true)).catch(() => undefined);
  (pool as unknown as { query: unknown }).query = (...args: unknown[]) =>
    migrated ? (gatedQuery as (...a: unknown[]) => unknown)(...args) : ready.then(() => (gatedQuery as (...a: unknown[]) => unknown)(...args));
  (pool as unknown as { connect: unknown }).connect = (...args: unknown[]) =>
    migrated ? (gatedConnect as (...a: unknown[]) => unknown)(...args) : ready.then(() => (gatedConnect as (...a: unknown[]) => unknown)(...args));

  const context = new AsyncLocalStorage<TxContext>();
  const db = pgDb as unknown as Db;

  return {
    engine: "postgres",
    db,
    ready,
    async transaction(fn) {
      const outer = context.getStore();
      if (outer) return fn(outer.tx);
      for (let attempt = 0; ; attempt++) {
        const store: TxContext = { tx: db, afterCommit: [] };
        try {
          const result = await pgDb.transaction(async (pgTx) => {
            store.tx = pgTx as unknown as Db;
            return context.run(store, () => fn(store.tx));
          });
          for (const callback of store.afterCommit) callback();
          return result;
        } catch (error) {
          if (!RETRYABLE.has((error as { code?: string }).code ?? "") || attempt >= RETRIES) throw error;
        }
      }
    },
    afterCommit(fn) {
      const store = context.getStore();
      if (store) store.afterCommit.push(fn);
      else fn();
    },
    async rawRows<T>(handle: Db, query: SQL) {
      const result = await (handle as unknown as NodePgDatabase).execute(query);
      return result.rows as T[];
    },
    async close() {
      await ready.catch(() => undefined);
      await pool.end();
    },
  };
}

/** On one dedicated client (the pool's own queries wait for this to finish). */
async function runMigrations(pool: pg.Pool, migrationsFolder: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      await migrate(drizzle({ client }), { migrationsFolder });
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}
