// The hosts domain's contract: host contracts (how a place's host is paid) and their monthly
// statements, as forms, filters and other domains know them. No database imports.
import { z } from "zod";
import type {
  HostCommissionBasis,
  HostCommissionBreakdown,
  HostCommissionTier,
  HostContractRule,
  HostStatementFigures,
  HostStatementLine,
  HostStatementStatus,
} from "~/db/schema";
import { defineMessages } from "~/server/errors";
import { calendarMonth } from "~/server/input/calendar";

export type { HostCommissionBasis, HostCommissionBreakdown, HostCommissionTier, HostContractRule, HostStatementFigures, HostStatementLine, HostStatementStatus };

export const hostsMessages = defineMessages("hosts", {
  month_locked: "The statement of {month} is {status}; a contract change from {effectiveFrom} would alter it. Start the change in a later month.",
  contract_in_use: "This contract was used for {count} statement(s) and is kept with them; save a new one from a later month instead.",
  no_contract: "{location} has no host contract in force for {month}.",
  month_not_closed: "{month} has not ended yet in the organization's time zone; statements are made for closed months.",
  bad_transition: "This statement is {status}; it cannot be {action}.",
  not_draft: "Only a draft statement can be adjusted; this one is {status}.",
  no_recipients: "No one to send this statement to: add contact e-mails to the contract of {location}.",
  currency_mismatch: "The contract is in {contract} but the organization counts in {org}.",
});

/** The statuses of a statement, in the order it goes through them. */
export const hostStatementStatuses = ["draft", "approved", "sent", "paid"] as const satisfies readonly HostStatementStatus[];
export const hostCommissionBases = ["gross", "net"] as const satisfies readonly HostCommissionBasis[];

/** What a status change is called in messages and the audit log. */
export const hostStatementActions = ["approve", "send", "markPaid"] as const;
export type HostStatementAction = (typeof hostStatementActions)[number];

/** Payment methods paid in coins and notes; every other one is cashless. */
export const CASH_METHODS: readonly string[] = ["cash"];
/** Payment methods whose vends are not sold: they carry no money and no per-unit commission. */
export const UNSOLD_METHODS: readonly string[] = ["free"];

const id = z.string().min(1).max(64);
/** A rate in basis points: 1% is 100, at most 100%. */
const bp = z.number("Enter a rate in basis points (1% = 100).").int("Use whole basis points.").min(0, "A rate cannot be negative.").max(10_000, "A rate is at most 100% (10000).");
/** An amount in minor units (cents), not negative. */
const money = z.number("Enter an amount in minor units.").int("Use whole minor units.").min(0, "An amount cannot be negative.").max(1_000_000_000, "This amount is too large.");
const optional = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

export const MAX_TIERS = 12;
export const MAX_CONTACT_EMAILS = 10;

export const tierInput = z.object({ fromMinor: money, percentBp: bp });

export const saveContractInput = z
  .object({
    locationId: id,
    /** The first month the contract applies to, in the org's calendar. */
    effectiveFrom: calendarMonth,
    basis: z.enum(hostCommissionBases, "Choose gross or net sales.").default("gross"),
    percentBp: optional(bp),
    cashPercentBp: optional(bp),
    cashlessPercentBp: optional(bp),
    tiers: optional(z.array(tierInput).min(1, "Add at least one tier, or clear the tiers.").max(MAX_TIERS, `Use at most ${MAX_TIERS} tiers.`)),
    perUnitMinor: optional(money),
    flatRentMinor: optional(money),
    minimumGuaranteeMinor: optional(money),
    contactEmails: z
      .array(z.email("Enter e-mail addresses like host@example.com.").max(254))
      .max(MAX_CONTACT_EMAILS, `Use at most ${MAX_CONTACT_EMAILS} addresses.`)
      .default([]),
    notes: z.string().trim().max(2000, "Use at most 2000 characters.").default(""),
  })
  .superRefine((c, issue) => {
    const tiers = c.tiers ?? null;
    if (tiers) {
      if (tiers[0]!.fromMinor !== 0) issue.addIssue({ code: "custom", path: ["tiers"], message: "The first tier starts at 0." });
      for (let i = 1; i < tiers.length; i++) {
        if (tiers[i]!.fromMinor <= tiers[i - 1]!.fromMinor) {
          issue.addIssue({ code: "custom", path: ["tiers"], message: "Each tier starts above the one before." });
          break;
        }
      }
      if (c.percentBp != null) issue.addIssue({ code: "custom", path: ["percentBp"], message: "Tiers replace the single rate: clear the rate or the tiers." });
    }
    const hasRule = [c.percentBp, c.cashPercentBp, c.cashlessPercentBp, tiers, c.perUnitMinor, c.flatRentMinor, c.minimumGuaranteeMinor].some((v) => v != null);
    if (!hasRule) issue.addIssue({ code: "custom", path: ["percentBp"], message: "Set a rate, tiers, an amount per unit, a rent or a minimum guarantee." });
  });
export type SaveContractInput = z.input<typeof saveContractInput>;

export const listContractsInput = z.object({ locationId: id });
export const contractIdInput = z.object({ contractId: id });

export const listStatementsInput = z.object({
  month: calendarMonth.optional(),
  locationId: id.optional(),
  status: z.enum(hostStatementStatuses, "Choose a status.").optional(),
});
export type ListStatementsInput = z.infer<typeof listStatementsInput>;

export const statementIdInput = z.object({ statementId: id });
export const generateStatementsInput = z.object({ month: calendarMonth });
export const addAdjustmentInput = z.object({
  statementId: id,
  amountMinor: z
    .number("Enter an amount in minor units.")
    .int("Use whole minor units.")
    .min(-1_000_000_000, "This amount is too large.")
    .max(1_000_000_000, "This amount is too large.")
    .refine((n) => n !== 0, "Enter an amount other than 0."),
  reason: z.string().trim().min(1, "Give a reason.").max(500, "Use at most 500 characters."),
});
export const locationCommissionsInput = z.object({ months: z.array(calendarMonth).max(36, "Ask for at most 36 months.") });

/* Answers ---------------------------------------------------------------------------------------- */

/** A contract as listed on its location: `inForce` for the one that governs the current month. */
export interface HostContractView {
  id: string;
  locationId: string;
  /** `YYYY-MM`. */
  effectiveFrom: string;
  /** `YYYY-MM` of the month before the next contract's start; null while it is the latest. */
  effectiveUntil: string | null;
  basis: HostCommissionBasis;
  percentBp: number | null;
  cashPercentBp: number | null;
  cashlessPercentBp: number | null;
  tiers: HostCommissionTier[] | null;
  perUnitMinor: number | null;
  flatRentMinor: number | null;
  minimumGuaranteeMinor: number | null;
  currency: string;
  contactEmails: string[];
  notes: string;
  createdAt: Date;
  inForce: boolean;
  /** Statements made with it; a used contract cannot be removed. */
  statements: number;
}

export interface HostStatementSummary {
  id: string;
  locationId: string;
  locationName: string;
  /** `YYYY-MM`. */
  month: string;
  status: HostStatementStatus;
  revision: number;
  units: number;
  grossMinor: number;
  refundsMinor: number;
  vatMinor: number;
  netMinor: number;
  commissionMinor: number;
  adjustmentsMinor: number;
  totalMinor: number;
  currency: string;
  generatedAt: Date;
  revisedAt: Date | null;
  revisionNote: string | null;
  approvedAt: Date | null;
  sentAt: Date | null;
  paidAt: Date | null;
}

export interface HostStatementAdjustmentView {
  id: string;
  amountMinor: number;
  reason: string;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: Date;
}

export interface HostStatementDetail extends HostStatementSummary {
  contractId: string;
  /** The rule as applied. */
  contract: HostContractRule;
  lines: HostStatementLine[];
  breakdown: HostCommissionBreakdown;
  adjustments: HostStatementAdjustmentView[];
  approvedBy: string | null;
  /** Where `send` delivers it: the contract's contacts and the location's host users. */
  recipients: string[];
}

export interface HostStatementList {
  statements: HostStatementSummary[];
  /** Sums of the listed statements per currency. */
  totals: { currency: string; grossMinor: number; commissionMinor: number; adjustmentsMinor: number; totalMinor: number; count: number }[];
}

export interface LocationCommission {
  locationId: string;
  /** `YYYY-MM`. */
  month: string;
  commissionMinor: number;
  grossMinor: number;
  currency: string;
}

/** The answer of generating a month by hand. */
export interface GenerateStatementsResult {
  month: string;
  created: number;
  revised: number;
  unchanged: number;
}
