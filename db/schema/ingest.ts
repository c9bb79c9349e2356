import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { machineIdColumn } from "./fleet";
import { orgIdColumn, orgIsolation } from "./tenancy";

/**
 * Every event a machine sent, kept raw with when it was received. The primary key is the
 * idempotency key: a repeated (machine, event id) is a duplicate, whatever races.
 */
export const machineEvents = pgTable(
  "machine_events",
  {
    machineId: machineIdColumn(),
    eventId: text("event_id").notNull(),
    orgId: orgIdColumn(),
    type: text("type").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.machineId, t.eventId] }),
    index("machine_events_org_machine_occurred_idx").on(t.orgId, t.machineId, t.occurredAt),
    orgIsolation(t.orgId),
  ],
).enableRLS();

/**
 * The hours (UTC) in which a machine reported anything, one row per machine and hour, written with
 * its events: machine uptime counts these instead of scanning every heartbeat.
 */
export const machineReportHours = pgTable(
  "machine_report_hours",
  {
    orgId: orgIdColumn(),
    machineId: machineIdColumn(),
    hour: timestamp("hour", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.machineId, t.hour] }), orgIsolation(t.orgId)],
).enableRLS();

/** Requests per machine per window, for the ingest rate limit. Owner-only, like sign-in throttling. */
export const machineRequestWindows = pgTable("machine_request_windows", {
  machineId: text("machine_id").primaryKey(),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull(),
  requests: integer("requests").notNull(),
});
