// The cash domain's contract: what a browser may import (inputs, vocabularies, messages), no database.
import { z } from "zod";
import { defineMessages } from "~/server/errors";
import { calendarDay, calendarMonth, instant } from "~/server/input/calendar";
import { pageCursor } from "~/server/input/cursor";

export const cashMessages = defineMessages("cash", {
  key_taken: "This count key was already used for another machine.",
  counted_in_future: "A count cannot be dated in the future.",
  technician_not_member: "The technician must be a member of this organization.",
  route_not_found: "Route not found",
  visit_not_found: "Visit not found",
  not_cash_refund: "Only an alert for a cash refund owed can be paid back.",
  already_resolved: "This alert is resolved already; nothing is left to pay back.",
  amount_unknown: "This alert does not say how much is owed; resolve it by hand instead.",
});

/** Who reported a collection: the machine itself, or a technician's count. */
export const cashCollectionSources = ["machine", "technician"] as const;
export type CashCollectionSource = (typeof cashCollectionSources)[number];

/**
 * A count made this long after the machine reported emptying its box, and before any other
 * collection, is the count of that emptying: it completes the machine's collection.
 */
export const SAME_VISIT_MS = 12 * 3_600_000;

/** Cash taken out of a machine, as the machine reported it (`cash.collected`). */
export interface CashCollectionFact {
  /** The machine event that reported it. */
  eventId: string;
  amountMinor: number;
  currency: string;
  occurredAt: Date;
}

const id = z.string().trim().min(1).max(64);
const minor = z.number("Enter an amount.").int("Use whole minor units.").min(0, "The amount cannot be negative.").max(100_000_000, "That amount is too large.");
const note = z.string().trim().max(500, "Keep the note under 500 characters");

/** The key of a count, chosen by the device (or `visit:{visitKey}` by the visit form): a repeated submit is the same count. */
export const countKey = z.string().regex(/^[A-Za-z0-9_.:-]{8,64}$/, "A count key is 8 to 64 letters, digits, -, _, . or :.");

export const recordCashCountInput = z.object({
  machineId: id,
  countedMinor: minor,
  /** When the box was emptied; now when left out. */
  occurredAt: instant.optional(),
  key: countKey,
  /** Who counted; the member acting when left out. */
  technicianId: id.nullable().optional(),
  routeId: id.nullable().default(null),
  /** The route visit (route_visits.id) the count was made at. */
  visitId: id.nullable().default(null),
  note: note.nullable().default(null),
});
export type RecordCashCountInput = z.input<typeof recordCashCountInput>;

export const expectedCashInput = z.object({ machineId: id, at: instant.optional() });

export const recordPayoutInput = z.object({ alertId: id, note: note.optional() });

/** The collections a list, a summary or an export covers: `fromMonth` and `toMonth` are months in the org's zone, inclusive. */
export const cashFilterInput = z
  .object({
    machineId: id.optional(),
    technicianId: id.optional(),
    routeId: id.optional(),
    source: z.enum(cashCollectionSources).optional(),
    fromMonth: calendarMonth.optional(),
    toMonth: calendarMonth.optional(),
  })
  .refine((f) => !f.fromMonth || !f.toMonth || f.fromMonth <= f.toMonth, { message: "The first month must not be after the last.", path: ["toMonth"] });
export type CashFilter = z.infer<typeof cashFilterInput>;

export const listCollectionsInput = cashFilterInput.and(
  z.object({
    cursor: pageCursor.optional(),
    limit: z.number().int().min(1).max(500).default(100),
  }),
);

export const trendUnits = ["day", "week", "month"] as const;
export type TrendUnit = (typeof trendUnits)[number];

/** Expected against counted per day, week or month from `from` to `to` (days in the org's zone; the last 12 weeks by default). */
export const cashTrendInput = z
  .object({ unit: z.enum(trendUnits).default("week"), from: calendarDay.optional(), to: calendarDay.optional() })
  .refine((r) => !r.from || !r.to || r.from <= r.to, { message: "The start date must not be after the end date.", path: ["to"] });

/** The variance at which a collection raises an alert: a share of what was expected, but never less than a floor. */
export function varianceThreshold(expectedMinor: number, settings: { cashVariancePercent: number; cashVarianceMinMinor: number }): number {
  return Math.max(settings.cashVarianceMinMinor, Math.round((Math.abs(expectedMinor) * settings.cashVariancePercent) / 100));
}

/** Whether a collection's variance is worth an alert. */
export function isVarianceBeyond(c: { expectedMinor: number; varianceMinor: number }, settings: { cashVariancePercent: number; cashVarianceMinMinor: number }): boolean {
  return c.varianceMinor !== 0 && Math.abs(c.varianceMinor) >= varianceThreshold(c.expectedMinor, settings);
}

/** A page of collections for the public API: `from` inclusive, `to` exclusive. */
export const collectionPageInput = z.object({
  machineId: id.optional(),
  from: instant.optional(),
  to: instant.optional(),
  cursor: pageCursor.optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export const collectionInput = z.object({ collectionId: id });
