import type { QueryReader } from "~/app/_components/hooks/search-params";
import type { RouterInputs } from "~/app/_trpc/types";
import { REFUND_ORIGINS, REFUND_STATUSES, type RefundOrigin } from "~/server/payments/contract";

export type RefundState = (typeof REFUND_STATUSES)[number];

/** The refunds filter as the URL holds it: `status` and `origin`. */
export interface RefundsQuery {
  status?: RefundState;
  origin?: RefundOrigin;
}

export function refundsQueryFrom(params: QueryReader): RefundsQuery {
  const status = params.get("status") as RefundState | null;
  const origin = params.get("origin") as RefundOrigin | null;
  return {
    ...(status && REFUND_STATUSES.includes(status) ? { status } : {}),
    ...(origin && REFUND_ORIGINS.includes(origin) ? { origin } : {}),
  };
}

export function refundsListInput(orgId: string, q: RefundsQuery): Omit<RouterInputs["refunds"]["list"], "cursor"> {
  return { orgId, ...q, limit: 50 };
}

export const pageOptions = {
  getNextPageParam: (page: { nextCursor?: string }) => page.nextCursor,
};
