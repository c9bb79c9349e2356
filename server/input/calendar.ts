import { z } from "zod";

/**
 * Calendar input: days (`2026-11-24`), months (`2026-11`), ranges of days and instants. A value
 * that only looks like a date (`2026-02-30`, `2026-13-99`, `0000-01-01`) is refused here with a
 * message, instead of failing later as a database error. Years are bounded to what an operator's
 * records can hold, which also keeps every value inside what Postgres and JavaScript dates can hold.
 */

export const FIRST_DAY = "2000-01-01";
export const LAST_DAY = "2099-12-31";
const FIRST_INSTANT = new Date("1970-01-01T00:00:00Z");
const LAST_INSTANT = new Date("2999-12-31T23:59:59.999Z");

/** Whether `year-month-day` names a day that exists in the Gregorian calendar. */
function isRealDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A calendar day `YYYY-MM-DD` that exists, from 2000-01-01 to 2099-12-31. */
export const calendarDay = z
  .string("Use a date like 2026-11-24.")
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "Use a date like 2026-11-24.", abort: true })
  .refine((text) => text >= FIRST_DAY && text <= LAST_DAY, { message: `Use a date from ${FIRST_DAY} to ${LAST_DAY}.`, abort: true })
  .refine((text) => {
    const [year, month, day] = text.split("-").map(Number) as [number, number, number];
    return isRealDay(year, month, day);
  }, "This date does not exist; use a real date like 2026-11-24.");

/** A calendar month `YYYY-MM`, from 2000-01 to 2099-12. */
export const calendarMonth = z
  .string("Use a month like 2026-10.")
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: "Use a month like 2026-10.", abort: true })
  .refine((text) => text >= FIRST_DAY.slice(0, 7) && text <= LAST_DAY.slice(0, 7), `Use a month from ${FIRST_DAY.slice(0, 7)} to ${LAST_DAY.slice(0, 7)}.`);

const rangeIsForward = (range: { from?: string; to?: string }) => !range.from || !range.to || range.from <= range.to;

/**
 * An object with an optional first and last day (inclusive) besides `shape`'s fields; a range
 * that runs backwards is refused on `to`.
 */
export function dayRange<Shape extends z.ZodRawShape>(shape: Shape) {
  return z
    .object({ from: calendarDay.optional(), to: calendarDay.optional(), ...shape })
    // The generic shape hides that `from` and `to` stay optional strings; they are the ones declared here.
    .refine((range) => rangeIsForward(range as { from?: string; to?: string }), { message: "The start date must not be after the end date.", path: ["to"] });
}

/** A point in time (a Date over tRPC), between 1970 and 2999. */
export const instant = z
  .date("Send a date and time.")
  .min(FIRST_INSTANT, "Use a time after 1970-01-01.")
  .max(LAST_INSTANT, "Use a time before the year 3000.");
