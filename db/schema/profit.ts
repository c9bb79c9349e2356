import { sql } from "drizzle-orm";
import { check, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { paymentMethod } from "./sales";
import { orgIdColumn, orgIsolation } from "./tenancy";

/**
 * What the operator pays its payment providers per payment, by payment method: a share of the
 * amount (basis points) plus a fixed amount per payment, in `currency` minor units. Profit per place
 * subtracts them; a method without a row costs nothing.
 */
export const cardFees = pgTable(
  "card_fees",
  {
    orgId: orgIdColumn(),
    paymentMethod: paymentMethod("payment_method").notNull(),
    percentBp: integer("percent_bp").notNull(),
    fixedMinor: integer("fixed_minor").notNull(),
    currency: text("currency").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.paymentMethod] }),
    check("card_fees_percent_range", sql`${t.percentBp} between 0 and 10000`),
    check("card_fees_fixed_range", sql`${t.fixedMinor} >= 0`),
    orgIsolation(t.orgId),
  ],
).enableRLS();

export type CardFee = typeof cardFees.$inferSelect;
