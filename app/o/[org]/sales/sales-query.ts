import { idParam, type QueryReader } from "~/app/_components/hooks/search-params";
import type { RouterInputs } from "~/app/_trpc/types";
import { calendarDay } from "~/server/input/calendar";
import { MAX_COMPARED_DAYS, paymentMethods, salesComparisons, saleStatuses, type PaymentMethod, type SaleStatus, type SalesComparison } from "~/server/sales/contract";
import { daysBetween } from "~/server/time";
import { presetRange } from "./date-presets";

/**
 * The sales filter as the URL holds it, in the same names as the CSV export's query:
 * `from`, `to` (days in the org's zone), `machineId`, `locationId`, `productId`, `paymentMethod`, `status`.
 */
export interface SalesQuery {
  from?: string;
  to?: string;
  machineId?: string;
  locationId?: string;
  productId?: string;
  paymentMethod?: PaymentMethod;
  status?: SaleStatus;
}

export const salesQueryKeys = ["from", "to", "machineId", "locationId", "productId", "paymentMethod", "status"] as const;

export function salesQueryFrom(params: QueryReader): SalesQuery {
  const get = (key: string) => params.get(key)?.trim() || undefined;
  const day = (key: string) => {
    const value = get(key);
    // A day the procedures would refuse (2026-02-30) is dropped here, so the page shows all days instead of an error.
    return value && calendarDay.safeParse(value).success ? value : undefined;
  };
  let from = day("from");
  let to = day("to");
  if (from && to && from > to) [from, to] = [to, from];
  const method = get("paymentMethod") as PaymentMethod | undefined;
  const status = get("status") as SaleStatus | undefined;
  const id = (key: string) => idParam(params, key);
  return {
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(id("machineId") ? { machineId: id("machineId") } : {}),
    ...(id("locationId") ? { locationId: id("locationId") } : {}),
    ...(id("productId") ? { productId: id("productId") } : {}),
    ...(method && paymentMethods.includes(method) ? { paymentMethod: method } : {}),
    ...(status && saleStatuses.includes(status) ? { status } : {}),
  };
}

/** "from=2026-11-01&to=2026-11-24&status=failed": for the URL and the CSV link. */
export function salesQueryString(q: SalesQuery): string {
  const params = new URLSearchParams();
  for (const key of salesQueryKeys) {
    const value = q[key];
    if (value) params.set(key, value);
  }
  return params.toString();
}

export const SALES_PAGE_SIZE = 50;

export function salesListInput(orgId: string, q: SalesQuery): Omit<RouterInputs["sales"]["list"], "cursor"> {
  return { orgId, ...q, limit: SALES_PAGE_SIZE };
}

export const salesPageOptions = {
  getNextPageParam: (page: { nextCursor?: string }) => page.nextCursor,
};

/**
 * The page opens on the last 7 days. The range is always written in the address (so the link says
 * what it shows); all time is `range=all`, since an address without a range gets the default.
 */
export const ALL_TIME = { key: "range", value: "all" } as const;

/** The address to send a visitor to when it names no range: the same, with the last 7 days. */
export function withDefaultRange(params: URLSearchParams, today: string): URLSearchParams | null {
  const query = salesQueryFrom(params);
  if (query.from || query.to || params.get(ALL_TIME.key) === ALL_TIME.value) return null;
  const next = new URLSearchParams(params);
  const range = presetRange("7d", today);
  next.set("from", range.from!);
  next.set("to", range.to!);
  next.delete(ALL_TIME.key);
  return next;
}

/** What the page compares the range with (`compare=previous|year`), if anything and if the range has both ends. */
export function salesCompareFrom(params: QueryReader, query: SalesQuery): SalesComparison | undefined {
  const value = params.get("compare") as SalesComparison | null;
  if (!value || !salesComparisons.includes(value) || !query.from || !query.to) return undefined;
  // The procedure refuses to compare more than a year with the year before (they would overlap), and more than three years at all.
  const days = daysBetween(query.from, query.to) + 1;
  return days > (value === "year" ? 366 : MAX_COMPARED_DAYS) ? undefined : value;
}
