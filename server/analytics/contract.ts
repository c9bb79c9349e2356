// What the browser and other domains may know of analytics: inputs, answers' shapes, messages.
import { z } from "zod";
import type { MonthlyBreakdownRow, MonthlyFigures } from "~/db/schema";
import { defineMessages } from "~/server/errors";
import { calendarDay, calendarMonth, dayRange } from "~/server/input/calendar";

export const analyticsMessages = defineMessages("analytics", {
  period_too_long: "Choose a period of at most three years.",
});

/** A period of org days, inclusive; by default the 30 days up to today in the org's zone. */
export const periodInput = dayRange({ locationId: z.string().max(64).optional() });

/** Longest period a report covers. */
export const MAX_PERIOD_DAYS = 3 * 366;

/** A month of statistics, `YYYY-MM`. */
export const monthInput = z.object({ month: calendarMonth });

/** Days of the overview's revenue chart. */
export const OVERVIEW_DAYS = 30;

export interface ProductRanking {
  productId: string;
  name: string;
  sku: string;
  category: string;
  units: number;
  revenueMinor: number;
  marginMinor: number;
  /** Margin over revenue, 0..1; null without revenue. */
  marginRate: number | null;
  previousUnits: number;
  /** Units against the previous period, -1..; null when it sold nothing then. */
  change: number | null;
  /** Slot-days the product was on offer and in stock in the period. */
  inStockDays: number;
  /** Units per slot-day in stock. */
  velocity: number | null;
}

export interface EliminationCandidate extends ProductRanking {
  reasons: string[];
}

export interface LocationPerformance {
  locationId: string;
  name: string;
  machines: number;
  revenueMinor: number;
  units: number;
  revenuePerMachineDay: number;
  previousRevenueMinor: number;
  change: number | null;
  /** Revenue per machine-day over the operator's median location, 1 = median. */
  againstMedian: number | null;
}

/** A month's figures and one row of its breakdown by machine, location or product, as the statistics page shows them. */
export type { MonthlyBreakdownRow, MonthlyFigures };

/** Longest range of days one accounting export covers. */
export const MAX_JOURNAL_DAYS = 366;

/** The accounting packages whose journal import the export writes. */
export const journalFormats = ["xero", "quickbooks"] as const;
export type JournalFormat = (typeof journalFormats)[number];

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

/** The accounting export: first and last org day (inclusive, at most a year) and the package's layout. */
export const journalExportInput = z
  .object({
    from: calendarDay,
    to: calendarDay,
    format: z.enum(journalFormats, `Choose a format: ${journalFormats.join(" or ")}.`),
  })
  .refine((range) => range.from <= range.to, { message: "The start date must not be after the end date.", path: ["to"] })
  .refine((range) => daysBetween(range.from, range.to) <= MAX_JOURNAL_DAYS, { message: `Choose at most ${MAX_JOURNAL_DAYS} days.`, path: ["to"] });

export type JournalExportInput = z.infer<typeof journalExportInput>;
