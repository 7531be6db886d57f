import { defineConfig } from "drizzle-kit";

// PostgreSQL migrations, from the same schema as SQLite's (db/tables.ts).
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema-pg.ts",
  out: "./db/migrations/pg",
});
