// For drizzle-kit (drizzle.pg.config.ts): the schema built with PostgreSQL's column types.
import { pgColumns } from "./columns/pg";
import { buildSchema } from "./tables";

export const { forms, submissions, paymentOrders, orderEvents, notifyJournal, receivingAccounts, admins, adminSessions, loginThrottle, stockHolds, rateLimits, jobs, jobAttempts, refunds, reconciliationDays, reconciliationDifferences, auditLog, notificationChannels } =
  buildSchema(pgColumns);
