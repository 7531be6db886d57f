import { defineConfig } from "drizzle-kit";

// SQLite migrations; drizzle.pg.config.ts generates PostgreSQL's from the same schema.
export default defineConfig({
  dialect: "sqlite",
  schema: "./db/schema-sqlite.ts",
  out: "./db/migrations/sqlite",
});
