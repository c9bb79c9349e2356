import { sql } from "drizzle-orm";
import { check, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { locations } from "./fleet";
import { orgIdColumn, orgIsolation } from "./tenancy";

/** What a percentage commission is taken on: gross sales, or net (gross minus refunds minus VAT). */
export const hostCommissionBasis = pgEnum("host_commission_basis", ["gross", "net"]);
export const hostStatementStatus = pgEnum("host_statement_status", ["draft", "approved", "sent", "paid"]);

/** A marginal bracket: its rate applies to the part of the month's basis from `fromMinor` up to the next bracket. */
export interface HostCommissionTier {
  fromMinor: number;
  percentBp: number;
}

/** A contract's rule as applied to a statement: kept with it, so a later change of contract leaves it alone. */
export interface HostContractRule {
  contractId: string;
  effectiveFrom: string;
  basis: "gross" | "net";
  percentBp: number | null;
  cashPercentBp: number | null;
  cashlessPercentBp: number | null;
  tiers: HostCommissionTier[] | null;
  perUnitMinor: number | null;
  flatRentMinor: number | null;
  minimumGuaranteeMinor: number | null;
  currency: string;
}

/** One line of a statement: a machine's sales of the month with one payment method. */
export interface HostStatementLine {
  machineId: string;
  machineName: string;
  paymentMethod: string;
  units: number;
  grossMinor: number;
  refundsMinor: number;
  vatMinor: number;
  netMinor: number;
}

/** How the commission of a statement was made up, in minor units before and after rounding. */
export interface HostCommissionBreakdown {
  percentMinor: number;
  perUnitMinor: number;
  flatRentMinor: number;
  minimumTopUpMinor: number;
  commissionMinor: number;
}

export interface HostStatementFigures {
  lines: HostStatementLine[];
  breakdown: HostCommissionBreakdown;
}

/**
 * A host's contract for a location, in force from a month (the 1st, in the org's calendar) until
 * the next one's `effective_from`. Rates in basis points (1% = 100), money in minor units.
 */
export const hostContracts = pgTable(
  "host_contracts",
  {
    id: text("id").primaryKey(),
    orgId: orgIdColumn(),
    locationId: text("location_id")
      .notNull()
      .references(() => locations.id, { onDelete: "cascade" }),
    effectiveFrom: date("effective_from", { mode: "string" }).notNull(),
    basis: hostCommissionBasis("basis").notNull().default("gross"),
    percentBp: integer("percent_bp"),
    cashPercentBp: integer("cash_percent_bp"),
    cashlessPercentBp: integer("cashless_percent_bp"),
    tiers: jsonb("tiers").$type<HostCommissionTier[] | null>(),
    perUnitMinor: integer("per_unit_minor"),
    flatRentMinor: integer("flat_rent_minor"),
    minimumGuaranteeMinor: integer("minimum_guarantee_minor"),
    currency: text("currency").notNull(),
    contactEmails: text("contact_emails").array().notNull().default(sql`'{}'::text[]`),
    notes: text("notes").notNull().default(""),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("host_contracts_org_location_month_key").on(t.orgId, t.locationId, t.effectiveFrom),
    check("host_contracts_first_of_month", sql`extract(day from ${t.effectiveFrom}) = 1`),
    orgIsolation(t.orgId),
  ],
).enableRLS();

/** A month's statement for one location: its sales, the rule applied, the commission and where it stands. */
export const hostStatements = pgTable(
  "host_statements",
  {
    id: text("id").primaryKey(),
    orgId: orgIdColumn(),
    locationId: text("location_id")
      .notNull()
      .references(() => locations.id, { onDelete: "cascade" }),
    month: date("month", { mode: "string" }).notNull(),
    contractId: text("contract_id")
      .notNull()
      .references(() => hostContracts.id),
    contract: jsonb("contract").$type<HostContractRule>().notNull(),
    status: hostStatementStatus("status").notNull().default("draft"),
    revision: integer("revision").notNull().default(0),
    figures: jsonb("figures").$type<HostStatementFigures>().notNull(),
    units: integer("units").notNull().default(0),
    grossMinor: integer("gross_minor").notNull().default(0),
    refundsMinor: integer("refunds_minor").notNull().default(0),
    vatMinor: integer("vat_minor").notNull().default(0),
    netMinor: integer("net_minor").notNull().default(0),
    commissionMinor: integer("commission_minor").notNull().default(0),
    adjustmentsMinor: integer("adjustments_minor").notNull().default(0),
    totalMinor: integer("total_minor").notNull().default(0),
    currency: text("currency").notNull(),
    generatedAt: timestamp("generated_at", { withTimezone: true }).notNull().defaultNow(),
    revisedAt: timestamp("revised_at", { withTimezone: true }),
    revisionNote: text("revision_note"),
    approvedBy: text("approved_by").references(() => users.id, { onDelete: "set null" }),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    paidAt: timestamp("paid_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("host_statements_org_location_month_key").on(t.orgId, t.locationId, t.month),
    index("host_statements_org_month_idx").on(t.orgId, t.month, t.status),
    index("host_statements_org_contract_idx").on(t.orgId, t.contractId),
    orgIsolation(t.orgId),
  ],
).enableRLS();

/** A change to a statement's total by hand, with its reason (signed: negative lowers what is owed). */
export const hostStatementAdjustments = pgTable(
  "host_statement_adjustments",
  {
    id: text("id").primaryKey(),
    orgId: orgIdColumn(),
    statementId: text("statement_id")
      .notNull()
      .references(() => hostStatements.id, { onDelete: "cascade" }),
    amountMinor: integer("amount_minor").notNull(),
    reason: text("reason").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("host_statement_adjustments_org_statement_idx").on(t.orgId, t.statementId, t.createdAt),
    check("host_statement_adjustments_reason", sql`length(trim(${t.reason})) > 0`),
    orgIsolation(t.orgId),
  ],
).enableRLS();

export type HostContract = typeof hostContracts.$inferSelect;
export type HostStatement = typeof hostStatements.$inferSelect;
export type HostStatementAdjustment = typeof hostStatementAdjustments.$inferSelect;
export type HostCommissionBasis = (typeof hostCommissionBasis.enumValues)[number];
export type HostStatementStatus = (typeof hostStatementStatus.enumValues)[number];
