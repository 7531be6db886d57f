// The schema for the engine DATABASE_URL chooses. Its TypeScript types are the SQLite build's;
// on PostgreSQL the same tables, columns and queries run with PostgreSQL's column types.
import { DATABASE_ENGINE } from "./engine";
import { pgColumns } from "./columns/pg";
import { sqliteColumns } from "./columns/sqlite";
import { buildSchema } from "./tables";

export * from "./tables";

export const schema = buildSchema(DATABASE_ENGINE === "postgres" ? pgColumns : sqliteColumns);
export const {
  forms,
  submissions,
  paymentOrders,
  orderEvents,
  notifyJournal,
  receivingAccounts,
  admins,
  adminSessions,
  loginThrottle,
  stockHolds,
  rateLimits,
  jobs,
  jobAttempts,
  refunds,
  reconciliationDays,
  reconciliationDifferences,
  auditLog,
  notificationChannels,
} = schema;
export type Schema = typeof schema;
