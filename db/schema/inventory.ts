import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { products } from "./catalog";
import { machineIdColumn } from "./fleet";
import { orgIdColumn, orgIsolation } from "./tenancy";

/**
 * One slot of a machine's planogram and its live stock. `stockCountedAt` is when the last restock
 * count was taken (the machine's clock): vends that occurred before it are already in the count.
 */
export const slots = pgTable(
  "slots",
  {
    id: text("id").primaryKey(),
    orgId: orgIdColumn(),
    machineId: machineIdColumn(),
    code: text("code").notNull(),
    productId: text("product_id").references(() => products.id, { onDelete: "set null" }),
    capacity: integer("capacity").notNull(),
    parLevel: integer("par_level").notNull(),
    priceOverrideMinor: integer("price_override_minor"),
    stock: integer("stock").notNull().default(0),
    stockCountedAt: timestamp("stock_counted_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("slots_machine_code_key").on(t.machineId, t.code), index("slots_org_machine_idx").on(t.orgId, t.machineId), orgIsolation(t.orgId)],
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

export type Slot = typeof slots.$inferSelect;
