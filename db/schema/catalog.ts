import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { machineIdColumn } from "./fleet";
import { orgIdColumn, orgIsolation } from "./tenancy";

export const products = pgTable(
  "products",
  {
    id: text("id").primaryKey(),
    orgId: orgIdColumn(),
    sku: text("sku").notNull(),
    name: text("name").notNull(),
    category: text("category").notNull().default(""),
    /** In the org's currency, minor units. */
    priceMinor: integer("price_minor").notNull(),
    costMinor: integer("cost_minor").notNull().default(0),
    imageUrl: text("image_url"),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("products_org_sku_key").on(t.orgId, t.sku), index("products_org_name_idx").on(t.orgId, t.name), orgIsolation(t.orgId)],
).enableRLS();

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

export type Product = typeof products.$inferSelect;
export type Slot = typeof slots.$inferSelect;
