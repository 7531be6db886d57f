// Answers are keyed by field and item ids. Reading record[id] for an id the record lacks falls
// through to Object.prototype ("constructor" is a function); this reads own properties only.

/** record[key] when the record itself has it, else undefined. */
export function ownValue<T>(record: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined {
  return record != null && Object.hasOwn(record, key) ? record[key] : undefined;
}
