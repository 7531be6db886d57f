// For drizzle-kit (drizzle.config.ts): the schema built with SQLite's column types.
import { sqliteColumns } from "./columns/sqlite";
import { buildSchema } from "./tables";

export const { forms, submissions, paymentOrders, orderEvents, notifyJournal, receivingAccounts, admins, adminSessions, loginThrottle, stockHolds, rateLimits, jobs, jobAttempts, refunds, reconciliationDays, reconciliationDifferences, auditLog, notificationChannels } =
  buildSchema(sqliteColumns);
