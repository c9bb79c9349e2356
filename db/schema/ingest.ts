import { index, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { machineIdColumn } from "./fleet";
import { orgIdColumn, orgIsolation } from "./tenancy";

/**
 * Every event a machine sent, kept raw with when it was received. Partitioned by month of
 * `occurred_at` (UTC), `machine_events_pYYYYMM`, plus `machine_events_default` for months without a
 * partition yet: drizzle cannot declare partitions, so the table is partitioned by migration 0023
 * and its partitions are made ahead, filled from the default and retired by
 * server/ingest/partitions.ts. A partitioned table's keys must hold the partition key, so the
 * primary key is (machine, event id, occurred at): it holds exact resends, and ingest finds a
 * repeated (machine, event id) across all partitions under the machine's row lock.
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
    primaryKey({ columns: [t.machineId, t.eventId, t.occurredAt] }),
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
