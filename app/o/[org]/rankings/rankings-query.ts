// The rankings page's state in the URL, and the procedure input it stands for.
import { idParam, type QueryReader } from "~/app/_components/hooks/search-params";
import { addDays, localDay } from "~/server/time";

/** The periods to choose from, in days; their names are `rankings.view.periods.<days>`. */
export const periodChoices = ["7", "30", "90", "365"] as const;
type PeriodChoice = (typeof periodChoices)[number];

/** The rankings' state, read from the URL: `?days=30&location=loc_...`. */
export function rankingsQueryFrom(params: QueryReader): { days: PeriodChoice; locationId?: string } {
  const days = params.get("days");
  const locationId = idParam(params, "location");
  return { days: days && (periodChoices as readonly string[]).includes(days) ? (days as PeriodChoice) : "30", ...(locationId ? { locationId } : {}) };
}

/** The period in days up to today, as the procedure's input. */
export function periodOf(days: PeriodChoice, timeZone: string, locationId?: string) {
  const today = localDay(new Date(), timeZone);
  return { from: addDays(today, 1 - Number(days)), to: today, ...(locationId ? { locationId } : {}) };
}
