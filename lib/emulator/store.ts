// The emulator's own storage: a separate SQLite file, as a separate platform would have.
// Each emulated platform creates its own tables (prefix wx_ / ali_ / emu_) on first use.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

let current: { file: string; db: Database.Database } | null = null;

export function emulatorDatabaseFile(): string {
  return process.env.EMULATOR_DATABASE_URL || path.join("data", "emulator.db");
}

export function getEmulatorDb(): Database.Database {
  const file = emulatorDatabaseFile();
  if (current?.file === file) return current.db;
  current?.db.close();
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(/*turbopackIgnore: true*/ file)), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  current = { file, db };
  return db;
}

/** Creates tables once per connection; callers pass their CREATE TABLE IF NOT EXISTS script. */
const migrated = new WeakMap<Database.Database, Set<string>>();
export function ensureTables(name: string, ddl: string): Database.Database {
  const db = getEmulatorDb();
  let done = migrated.get(db);
  if (!done) migrated.set(db, (done = new Set()));
  if (!done.has(name)) {
    db.exec(ddl);
    done.add(name);
  }
  return db;
}

/**
 * The emulator's clock scale: 1 is real time; 0.001 makes a 15 s retry wait 15 ms. Only waits
 * (notify retries, delays) are scaled; timestamps on the wire stay real.
 */
export function timeScale(): number {
  const raw = Number(process.env.EMULATOR_TIME_SCALE ?? "1");
  return Number.isFinite(raw) && raw > 0 ? raw : 1;
}
