// Telling "that value is already taken" apart from other database errors, on either engine.
// Drizzle wraps a driver's error (DrizzleQueryError, the driver's error as `cause`), so the
// whole cause chain is searched.

/**
 * True when error (or a cause of it) is a unique violation on table.column. `constraint` names a
 * unique index that is not drizzle's column default (a partial index such as orders_one_pending_uq).
 */
export function isUniqueViolation(error: unknown, table: string, column: string, constraint = `${table}_${column}_unique`): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const { code } = e as Error & { code?: unknown };
    // SQLite (better-sqlite3): "UNIQUE constraint failed: forms.slug".
    if (e.message.includes(`UNIQUE constraint failed: ${table}.${column}`)) return true;
    // PostgreSQL: SQLSTATE 23505 and the constraint's name (drizzle's default "<table>_<column>_unique").
    if (code === "23505" && (e as { constraint?: unknown }).constraint === constraint) return true;
  }
  return false;
}
