import { idParam, type QueryReader } from "~/app/_components/hooks/search-params";
import type { RouterInputs } from "~/app/_trpc/types";
import { cashCollectionSources, type CashCollectionSource } from "~/server/cash/contract";
import { calendarMonth } from "~/server/input/calendar";
import { addDays, localDay, weekdayOf } from "~/server/time";

/** The views of the cash page, as tabs. */
export const cashViews = ["collections", "technicians", "routes", "months", "machines"] as const;
export type CashView = (typeof cashViews)[number];

/**
 * The cash filter as the URL holds it, in the same names as the CSV export's query: `machineId`,
 * `technicianId`, `routeId`, `source`, `fromMonth`, `toMonth` (months in the org's zone); and the
 * tab shown (`view`), which the export ignores.
 */
export interface CashQuery {
  machineId?: string;
  technicianId?: string;
  routeId?: string;
  source?: CashCollectionSource;
  fromMonth?: string;
  toMonth?: string;
}

export const cashQueryKeys = ["machineId", "technicianId", "routeId", "source", "fromMonth", "toMonth"] as const;

export function cashQueryFrom(params: QueryReader): CashQuery {
  const month = (key: string) => {
    const value = params.get(key)?.trim();
    // A month the procedures would refuse is dropped here, so the page shows every month instead of an error.
    return value && calendarMonth.safeParse(value).success ? value : undefined;
  };
  let fromMonth = month("fromMonth");
  let toMonth = month("toMonth");
  if (fromMonth && toMonth && fromMonth > toMonth) [fromMonth, toMonth] = [toMonth, fromMonth];
  const source = params.get("source") as CashCollectionSource | null;
  const id = (key: string) => idParam(params, key);
  return {
    ...(id("machineId") ? { machineId: id("machineId") } : {}),
    ...(id("technicianId") ? { technicianId: id("technicianId") } : {}),
    ...(id("routeId") ? { routeId: id("routeId") } : {}),
    ...(source && cashCollectionSources.includes(source) ? { source } : {}),
    ...(fromMonth ? { fromMonth } : {}),
    ...(toMonth ? { toMonth } : {}),
  };
}

export function cashViewFrom(params: QueryReader): CashView {
  const view = params.get("view") as CashView | null;
  return view && cashViews.includes(view) ? view : "collections";
}

/** "machineId=mch_...&fromMonth=2026-10": for the URL and the CSV link. */
export function cashQueryString(q: CashQuery): string {
  const params = new URLSearchParams();
  for (const key of cashQueryKeys) {
    const value = q[key];
    if (value) params.set(key, value);
  }
  return params.toString();
}

export const CASH_PAGE_SIZE = 50;

export function cashListInput(orgId: string, q: CashQuery): Omit<RouterInputs["cash"]["list"], "cursor"> {
  return { orgId, ...q, limit: CASH_PAGE_SIZE };
}

export const cashPageOptions = {
  getNextPageParam: (page: { nextCursor?: string }) => page.nextCursor,
};

/** This month in the org's zone: the headline figures' month. */
export function thisMonth(timeZone: string, now = new Date()): string {
  return localDay(now, timeZone).slice(0, 7);
}

export const TREND_WEEKS = 12;

/** The trend chart's weeks: from the Monday eleven weeks before this week's, to today (org's zone). */
export function trendInput(orgId: string, timeZone: string, now = new Date()): RouterInputs["cash"]["trend"] & { from: string; to: string } {
  const today = localDay(now, timeZone);
  const monday = addDays(today, -weekdayOf(today));
  return { orgId, unit: "week", from: addDays(monday, -7 * (TREND_WEEKS - 1)), to: today };
}

/** The last `count` months up to this one, newest first: the month filter's choices. */
export function recentMonths(month: string, count = 18): string[] {
  const [year, m] = month.split("-").map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => new Date(Date.UTC(year, m - 1 - i, 1)).toISOString().slice(0, 7));
}
