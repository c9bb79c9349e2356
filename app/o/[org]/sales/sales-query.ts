import { idParam, type QueryReader } from "~/app/_components/hooks/search-params";
import type { RouterInputs } from "~/app/_trpc/types";
import { calendarDay } from "~/server/input/calendar";
import { paymentMethods, saleStatuses, type PaymentMethod, type SaleStatus } from "~/server/sales/contract";

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
