// The sales domain's contract: the vocabulary of sales and the filter every sales view and export
// takes. No database imports: the browser reads filters from the URL with these too.
import { z } from "zod";
import type { PaymentMethod, saleStatus } from "~/db/schema";
import { dayRange } from "~/server/input/calendar";
import { pageCursor } from "~/server/input/cursor";

export type { PaymentMethod } from "~/db/schema";
export type SaleStatus = (typeof saleStatus.enumValues)[number];

/** How a vend was paid for. */
export const paymentMethods = ["cash", "card", "alipay", "wechat_pay", "online", "free"] as const satisfies readonly PaymentMethod[];

/** Whether the machine dispensed. */
export const saleStatuses = ["succeeded", "failed"] as const satisfies readonly SaleStatus[];

/** `from` and `to` are the first and last day, inclusive, in the org's time zone. */
const salesFilterShape = {
  machineId: z.string().max(64).optional(),
  locationId: z.string().max(64).optional(),
  productId: z.string().max(64).optional(),
  paymentMethod: z.enum(paymentMethods).optional(),
  status: z.enum(saleStatuses).optional(),
};

export const salesFilterInput = dayRange(salesFilterShape);

export type SalesFilter = z.infer<typeof salesFilterInput>;

export const listSalesInput = salesFilterInput.and(
  z.object({
    cursor: pageCursor.optional(),
    limit: z.number().int().min(1).max(500).default(100),
  }),
);

/** What a sales range is compared with: the same number of days just before it, or the same days a year earlier. */
export const salesComparisons = ["previous", "year"] as const;
export type SalesComparison = (typeof salesComparisons)[number];

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayText = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** The day a year before `day`; 29 February becomes 28 February. */
export function yearBefore(day: string): string {
  const year = Number(day.slice(0, 4)) - 1;
  const monthDay = day.slice(5);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return `${String(year).padStart(4, "0")}-${monthDay === "02-29" && !leap ? "02-28" : monthDay}`;
}

/** The days a range is compared with (first and last, inclusive). */
export function comparedRange(range: { from: string; to: string }, compare: SalesComparison): { from: string; to: string } {
  if (compare === "year") return { from: yearBefore(range.from), to: yearBefore(range.to) };
  const days = dayNumber(range.to) - dayNumber(range.from) + 1;
  return { from: dayText(dayNumber(range.from) - days), to: dayText(dayNumber(range.from) - 1) };
}

/** The change from `before` to `now` as a fraction (0.25 = +25%), or null when there is nothing to compare with. */
export function relativeChange(now: number, before: number): number | null {
  if (before === 0) return null;
  return (now - before) / Math.abs(before);
}

/** The longest range compared day by day (three years). */
export const MAX_COMPARED_DAYS = 3 * 366;

/** A filter with both ends of its range and what it is compared with. */
export const salesComparisonInput = dayRange({
  ...salesFilterShape,
  compare: z.enum(salesComparisons, "Compare with the previous period or the same period last year."),
}).superRefine((input, issue) => {
  if (!input.from) issue.addIssue({ code: "custom", path: ["from"], message: "Choose the first day of the range to compare it." });
  if (!input.to) issue.addIssue({ code: "custom", path: ["to"], message: "Choose the last day of the range to compare it." });
  if (!input.from || !input.to) return;
  const days = dayNumber(input.to) - dayNumber(input.from) + 1;
  // Longer ranges would overlap the same days a year earlier.
  if (input.compare === "year" && days > 366) issue.addIssue({ code: "custom", path: ["to"], message: "Compare at most a year with the same period last year." });
  else if (days > MAX_COMPARED_DAYS) issue.addIssue({ code: "custom", path: ["to"], message: "Compare at most three years at a time." });
});

export type SalesComparisonInput = z.infer<typeof salesComparisonInput>;
