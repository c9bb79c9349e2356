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

/** A vend that took stock below zero: the count and the machine disagree. */
export const stockDiscrepancies = pgTable(
  "stock_discrepancies",
  {
    id: text("id").primaryKey(),
    orgId: orgIdColumn(),
    machineId: machineIdColumn(),
    slotCode: text("slot_code").notNull(),
    /** Units sold that the stock did not hold. */
    shortfall: integer("shortfall").notNull(),
    eventId: text("event_id").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("stock_discrepancies_org_machine_idx").on(t.orgId, t.machineId, t.occurredAt), orgIsolation(t.orgId)],
).enableRLS();

/** A restock visit: reported by the machine (`inventory.restocked`) or recorded by a technician. */
export const serviceVisits = pgTable(
  "service_visits",
  {
    id: text("id").primaryKey(),
    orgId: orgIdColumn(),
    machineId: machineIdColumn(),
    /** The machine's own visit id, if it sent one. */
    externalId: text("external_id"),
    eventId: text("event_id"),
    source: text("source").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    slots: jsonb("slots").$type<{ slot: string; quantity: number }[]>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("service_visits_org_machine_idx").on(t.orgId, t.machineId, t.occurredAt), orgIsolation(t.orgId)],
).enableRLS();

export const cashCollections = pgTable(
  "cash_collections",
  {
    id: text("id").primaryKey(),
    orgId: orgIdColumn(),
    machineId: machineIdColumn(),
    eventId: text("event_id").notNull(),
    amountMinor: integer("amount_minor").notNull(),
    currency: text("currency").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("cash_collections_org_machine_idx").on(t.orgId, t.machineId, t.occurredAt), orgIsolation(t.orgId)],
).enableRLS();
