import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { alerts } from "./alerts";
import { users } from "./auth";
import { machineIdColumn } from "./fleet";
import { deliveryRoutes, routeVisits } from "./replenishment";
import { orgIdColumn, orgIsolation } from "./tenancy";

/** Who reported a collection: the machine (`cash.collected`) or a technician's count. */
export const cashCollectionSource = pgEnum("cash_collection_source", ["machine", "technician"]);

/**
 * Cash taken out of a machine: one row per emptying of its cash box, with what should have been in
 * it (`expected_minor`: cash sales since the machine's previous collection, up to this one, less
 * cash paid back in that period) and what was counted. A machine's report is its own row; a
 * technician's count at the same visit completes that row rather than adding a second emptying.
 */
export const cashCollections = pgTable(
  "cash_collections",
  {
    id: text("id").primaryKey(),
    orgId: orgIdColumn(),
    machineId: machineIdColumn(),
    source: cashCollectionSource("source").notNull().default("machine"),
    /** The machine event that reported it; for a collection a technician reported, their count's key. */
    eventId: text("event_id").notNull(),
    /** What the collection reported: the machine's own figure, or the technician's count. */
    amountMinor: integer("amount_minor").notNull(),
    /**
     * What was counted: a technician's count, else the machine's figure. Null only on collections
     * recorded before expected cash was computed.
     */
    countedMinor: integer("counted_minor"),
    /** Cash that should have been in the box; null only on collections recorded before it was computed. */
    expectedMinor: bigint("expected_minor", { mode: "number" }),
    /** Counted less expected: negative is short, positive over. */
    varianceMinor: bigint("variance_minor", { mode: "number" }).generatedAlwaysAs(sql`counted_minor - expected_minor`),
    currency: text("currency").notNull(),
    /** When the box was emptied. */
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    /** The previous collection of the machine (the period's exclusive start); null for its first. */
    periodStart: timestamp("period_start", { withTimezone: true }),
    /** The technician's count: its key (a repeated submit is the same count), who, when, on which route and visit. */
    countKey: text("count_key"),
    technicianId: text("technician_id").references(() => users.id, { onDelete: "set null" }),
    countedAt: timestamp("counted_at", { withTimezone: true }),
    routeId: text("route_id").references(() => deliveryRoutes.id, { onDelete: "set null" }),
    visitId: text("visit_id").references(() => routeVisits.id, { onDelete: "set null" }),
    note: text("note"),
    /** A machine's report whose variance the alert check has not looked at yet (it runs after the ingest commit). */
    variancePending: boolean("variance_pending").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("cash_collections_org_machine_idx").on(t.orgId, t.machineId, t.occurredAt),
    index("cash_collections_org_occurred_idx").on(t.orgId, t.occurredAt),
    // One collection per machine event, however often the machine repeats it.
    uniqueIndex("cash_collections_machine_event_key").on(t.machineId, t.eventId).where(sql`source = 'machine'`),
    // One count per key in the org, however often the form is submitted.
    uniqueIndex("cash_collections_org_count_key").on(t.orgId, t.countKey).where(sql`count_key is not null`),
    index("cash_collections_variance_pending_idx").on(t.orgId).where(sql`variance_pending`),
    orgIsolation(t.orgId),
  ],
).enableRLS();

/** Cash paid back by hand for a failed cash vend: one per `cash_refund_owed` alert. */
export const cashPayouts = pgTable(
  "cash_payouts",
  {
    id: text("id").primaryKey(),
    orgId: orgIdColumn(),
    machineId: machineIdColumn(),
    alertId: text("alert_id")
      .notNull()
      .references(() => alerts.id, { onDelete: "cascade" }),
    saleId: text("sale_id"),
    amountMinor: integer("amount_minor").notNull(),
    currency: text("currency").notNull(),
    paidBy: text("paid_by").references(() => users.id, { onDelete: "set null" }),
    paidAt: timestamp("paid_at", { withTimezone: true }).notNull().defaultNow(),
    note: text("note"),
  },
  (t) => [uniqueIndex("cash_payouts_alert_key").on(t.alertId), index("cash_payouts_org_machine_paid_idx").on(t.orgId, t.machineId, t.paidAt), orgIsolation(t.orgId)],
).enableRLS();

export type CashCollection = typeof cashCollections.$inferSelect;
export type CashPayout = typeof cashPayouts.$inferSelect;
