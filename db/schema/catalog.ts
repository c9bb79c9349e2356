import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
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
    /** VAT rate in basis points (700 = 7 %); null: the org's default rate. */
    vatRateBp: integer("vat_rate_bp"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("products_org_sku_key").on(t.orgId, t.sku),
    index("products_org_name_idx").on(t.orgId, t.name),
    check("products_vat_rate_range", sql`${t.vatRateBp} between 0 and 10000`),
    orgIsolation(t.orgId),
  ],
).enableRLS();

export type Product = typeof products.$inferSelect;
