// Small helpers for reading results the same way on both engines.

/** The first row, or undefined. */
export function firstRow<T>(rows: T[]): T | undefined {
  return rows[0];
}

/** The one row an INSERT … RETURNING or a known-present SELECT gives. */
export function onlyRow<T>(rows: T[]): T {
  if (!rows.length) throw new Error("expected one row, got none");
  return rows[0];
}
