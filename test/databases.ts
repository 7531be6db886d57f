// A fresh database for one test file: a SQLite file in the test's folder, or, when
// TEST_POSTGRES_URL is set (the PostgreSQL run of .ci/run), a new database on that server.
import crypto from "node:crypto";
import path from "node:path";
import pg from "pg";

export function testOnPostgres(): boolean {
  return Boolean(process.env.TEST_POSTGRES_URL);
}

export async function freshDatabaseUrl(dir: string): Promise<string> {
  const adminUrl = process.env.TEST_POSTGRES_URL;
  if (!adminUrl) return path.join(dir, "app.db");
  const name = `test_${crypto.randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
