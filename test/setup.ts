// "server-only" throws outside a React server bundle; under vitest the modules are plain Node.
import { vi } from "vitest";
vi.mock("server-only", () => ({}));

// The PostgreSQL run (scripts/with-postgres.sh): the engine is fixed when db/ is first imported,
// which test files may do before their harness starts, so say "postgres" from the outset. The
// harness then gives each file a fresh database of its own; a test that sets DATABASE_URL to a
// file before importing db/ still gets SQLite.
if (process.env.TEST_POSTGRES_URL) process.env.DATABASE_URL = process.env.TEST_POSTGRES_URL;
