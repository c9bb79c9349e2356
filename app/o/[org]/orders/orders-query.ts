import { idParam, type QueryReader } from "~/app/_components/hooks/search-params";
import type { RouterInputs } from "~/app/_trpc/types";
import { ORDER_STATUSES } from "~/server/payments/contract";

export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** The orders filter as the URL holds it: `status` and `machineId`. */
export interface OrdersQuery {
  status?: OrderStatus;
  machineId?: string;
}

export function ordersQueryFrom(params: QueryReader): OrdersQuery {
  const status = params.get("status") as OrderStatus | null;
  const machineId = idParam(params, "machineId");
  return {
    ...(status && ORDER_STATUSES.includes(status) ? { status } : {}),
    ...(machineId ? { machineId } : {}),
  };
}

export const ORDERS_PAGE_SIZE = 50;

export function ordersListInput(orgId: string, q: OrdersQuery): Omit<RouterInputs["orders"]["list"], "cursor"> {
  return { orgId, ...q, limit: ORDERS_PAGE_SIZE };
}

export const pageOptions = {
  getNextPageParam: (page: { nextCursor?: string }) => page.nextCursor,
};
