import type { SQL } from "drizzle-orm";
import type { SqliteRemoteDatabase } from "drizzle-orm/sqlite-proxy";
import type { DatabaseEngine } from "../engine";
import type { Schema } from "../schema";

/**
 * The query surface every query function takes: a database or a transaction. It is typed as
 * drizzle's async SQLite database; on PostgreSQL the same builder calls run on node-postgres.
 * Queries therefore use only what both engines share: await a builder (never .get/.all/.run),
 * .returning() to learn what changed, .limit(1) for one row.
 */
export type Db = SqliteRemoteDatabase<Schema>;
export type DbOrTx = Db;

export interface Database {
  engine: DatabaseEngine;
  db: Db;
  /** Runs fn in one transaction; nested calls join the outer one. Retried when the engine says so (busy, deadlock). */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /** Runs fn after the current transaction commits (at once when there is none). */
  afterCommit(fn: () => void): void;
  /** Rows of a raw SQL statement, as objects keyed by column name. */
  rawRows<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T[]>;
  /** Resolves once the database is open and migrated. */
  ready: Promise<void>;
  close(): Promise<void>;
}

export interface TxContext {
  tx: Db;
  afterCommit: (() => void)[];
}
