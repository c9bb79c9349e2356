import "server-only";
import { z } from "zod";
import { pageCursor } from "../input/cursor";

// The building blocks of the API's request and answer schemas: ids, times, money and pages. Answers
// are snake_case JSON; times are ISO 8601 in UTC; money is an integer of minor units with its currency.

/** An id path parameter: letters, digits, "_" and "-" (anything else names nothing). */
export const idParam = (description: string) =>
  z
    .string()
    .max(64, "An id is at most 64 characters.")
    .regex(/^[\w-]+$/, "An id is letters, digits, _ and -.")
    .meta({ description });

/** An instant in UTC, e.g. "2026-12-01T09:30:00.000Z". */
export const instant = () => z.iso.datetime().meta({ description: "ISO 8601 UTC date-time", example: "2026-12-01T09:30:00.000Z" });
/** A calendar day in the org's time zone, e.g. "2026-12-01". */
export const day = () => z.iso.date().meta({ example: "2026-12-01" });
/** An amount in minor units (cents). */
export const minorAmount = (description = "Amount in minor units of `currency` (e.g. cents)") => z.number().int().meta({ description, example: 250 });
/** An ISO 4217 currency code. */
export const currencyCode = () => z.string().length(3).meta({ description: "ISO 4217 currency code", example: "EUR" });

/** `?limit=&cursor=` of every list. */
export const pageQuery = {
  limit: z.coerce.number().int("limit must be a whole number").min(1, "limit must be 1 to 200").max(200, "limit must be 1 to 200").default(50).meta({ description: "Items per page, 1-200" }),
  cursor: pageCursor.optional().meta({ description: "The previous page's `next_cursor`" }),
};

/** A page of a list: `{ data, next_cursor }`, the cursor null on the last page. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    next_cursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page" }),
  });

/** ISO string of a date, or null. */
export const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
