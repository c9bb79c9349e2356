import { boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { refunds } from "./payments";
import { sales } from "./sales";
import { consumerRead, orgIdColumn, orgIsolation } from "./tenancy";

export interface LoyaltyTier {
  name: string;
  /** Points from which a member holds this tier. */
  minPoints: number;
}

/** An operator's membership program: how many points a currency unit earns, and the tiers. */
export const loyaltyPrograms = pgTable(
  "loyalty_programs",
  {
    orgId: orgIdColumn().primaryKey(),
    enabled: boolean("enabled").notNull().default(false),
    /** Points earned per whole currency unit spent (1 USD, 1 EUR, 100 JPY is 100 units). */
    pointsPerUnit: integer("points_per_unit").notNull().default(1),
    tiers: jsonb("tiers").$type<LoyaltyTier[]>().notNull().default([]),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [orgIsolation(t.orgId)],
).enableRLS();

/**
 * A consumer's membership with one operator. Consumer ids come from our accounts and from
 * machines (`consumerId` on a vend), so there is no foreign key to users.
 */
export const loyaltyMembers = pgTable(
  "loyalty_members",
  {
    orgId: orgIdColumn(),
    consumerId: text("consumer_id").notNull(),
    points: integer("points").notNull().default(0),
    joinedAt: timestamp("joined_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.consumerId] }), index("loyalty_members_consumer_idx").on(t.consumerId), orgIsolation(t.orgId), consumerRead(t.consumerId)],
).enableRLS();

export const pointEntryKind = pgEnum("point_entry_kind", ["earn", "reverse"]);

/** The points ledger: one earn per successful vend, one reversal per refund of it (unique). */
export const pointEntries = pgTable(
  "point_entries",
  {
    id: text("id").primaryKey(),
    orgId: orgIdColumn(),
    consumerId: text("consumer_id").notNull(),
    saleId: text("sale_id")
      .notNull()
      .references(() => sales.id, { onDelete: "cascade" }),
    kind: pointEntryKind("kind").notNull(),
    points: integer("points").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("point_entries_sale_kind_key").on(t.saleId, t.kind),
    index("point_entries_org_consumer_idx").on(t.orgId, t.consumerId, t.createdAt),
    orgIsolation(t.orgId),
    consumerRead(t.consumerId),
  ],
).enableRLS();

export const refundRequestStatus = pgEnum("refund_request_status", ["pending", "approved", "rejected"]);

/** "Report a problem" on a purchase: a manager approves it (a refund) or rejects it with a reason. */
export const refundRequests = pgTable(
  "refund_requests",
  {
    id: text("id").primaryKey(),
    orgId: orgIdColumn(),
    consumerId: text("consumer_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    saleId: text("sale_id")
      .notNull()
      .references(() => sales.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    status: refundRequestStatus("status").notNull().default("pending"),
    decisionReason: text("decision_reason"),
    decidedBy: text("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    refundId: text("refund_id").references(() => refunds.id, { onDelete: "set null" }),
    /** Approved by the org's rule (the machine logged a failed vend), not by a person. */
    autoApproved: boolean("auto_approved").notNull().default(false),
    /** When the consumer was e-mailed the decision: set once, before sending, so it goes out once. */
    decisionMailedAt: timestamp("decision_mailed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("refund_requests_sale_key").on(t.saleId),
    index("refund_requests_org_status_idx").on(t.orgId, t.status, t.createdAt),
    index("refund_requests_consumer_idx").on(t.consumerId, t.createdAt),
    orgIsolation(t.orgId),
    consumerRead(t.consumerId),
  ],
).enableRLS();

/** How an org handles refund requests: the rule that approves one the machine's own log proves. */
export const refundRequestSettings = pgTable(
  "refund_request_settings",
  {
    orgId: orgIdColumn().primaryKey(),
    /** Approve and refund at once a request about a purchase the machine logged as a failed vend. */
    autoApproveFailedVends: boolean("auto_approve_failed_vends").notNull().default(false),
    updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [orgIsolation(t.orgId)],
).enableRLS();

export type RefundRequest = typeof refundRequests.$inferSelect;
export type RefundRequestSettings = typeof refundRequestSettings.$inferSelect;
export type LoyaltyProgram = typeof loyaltyPrograms.$inferSelect;


/**
 * When a receipt was last e-mailed to its consumer: one row per purchase and consumer, so a repeated
 * or doubled request within a minute sends nothing more. Written under the operator's org.
 */
export const receiptEmails = pgTable(
  "receipt_emails",
  {
    orgId: orgIdColumn(),
    consumerId: text("consumer_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The sale or order the receipt is for. */
    purchaseId: text("purchase_id").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.consumerId, t.purchaseId] }), index("receipt_emails_org_idx").on(t.orgId), orgIsolation(t.orgId), consumerRead(t.consumerId)],
).enableRLS();
