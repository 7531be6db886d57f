// Statements of the hot paths (the status read, every notify), built once per database handle and
// kept prepared: drizzle does not rebuild their SQL on each call (that cost more CPU than SQLite's
// own work), SQLite reuses the statement, and PostgreSQL parses and plans a named statement once
// per pooled connection. Values go in through sql.placeholder(name).
import { sql, type Placeholder } from "drizzle-orm";
import type { DbOrTx } from "../client";

interface Preparable<P> {
  prepare(): P;
}

/** `name` must be unique per statement: PostgreSQL keys its named statements by it. */
export function preparedPerHandle<P>(name: string, build: (db: DbOrTx) => Preparable<P>): (db: DbOrTx) => P {
  const prepared = new WeakMap<DbOrTx, P>();
  return (db) => {
    let statement = prepared.get(db);
    if (!statement) {
      const query = build(db);
      // node-postgres's builder takes the statement's name; SQLite's ignores the argument.
      statement = (query.prepare as (name?: string) => P).call(query, name);
      prepared.set(db, statement);
    }
    return statement;
  };
}

/** `{ name: sql.placeholder(name) }` for each name: the values of a prepared insert or update. */
export function placeholders<const Name extends string>(names: readonly Name[]): { [N in Name]: Placeholder<N> } {
  return Object.fromEntries(names.map((name) => [name, sql.placeholder(name)])) as { [N in Name]: Placeholder<N> };
}
