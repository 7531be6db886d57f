// Where the app keeps its own small files (the generated demo encryption key, the demo admin's
// password): beside the SQLite file, or in data/ when the database is a PostgreSQL server.
import path from "node:path";
import { databaseFile } from "@/db/client";
import { engineOf } from "@/db/engine";

export function localFilesFolder(databaseUrl = process.env.DATABASE_URL): string {
  if (engineOf(databaseUrl) === "postgres") return path.resolve(/*turbopackIgnore: true*/ "data");
  const file = databaseFile();
  return file === ":memory:" ? path.resolve(/*turbopackIgnore: true*/ "data") : path.dirname(path.resolve(/*turbopackIgnore: true*/ file));
}
