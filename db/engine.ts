// Which database engine DATABASE_URL chooses: unset or a file path → SQLite; postgres://… → PostgreSQL.
export type DatabaseEngine = "sqlite" | "postgres";

export function engineOf(url: string | undefined): DatabaseEngine {
  return url && /^postgres(ql)?:\/\//i.test(url) ? "postgres" : "sqlite";
}

/** Read once per process: the schema's column types are chosen from it when db/schema loads. */
export const DATABASE_ENGINE: DatabaseEngine = engineOf(process.env.DATABASE_URL);
