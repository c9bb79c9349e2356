import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { machineIdColumn } from "./fleet";
import { orgIdColumn, orgIsolation } from "./tenancy";

/** Cash taken out of a machine, as the machine reported it. */
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
