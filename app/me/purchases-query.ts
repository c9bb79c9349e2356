import type { RouterOutputs } from "~/app/_trpc/types";

export type Purchase = RouterOutputs["consumer"]["purchases"]["purchases"][number];

/** The bill's query, the same on the server's prefetch and in the browser: 25 purchases a page. */
export const purchasesInput = { limit: 25 };

export const purchasesPageOptions = {
  getNextPageParam: (page: RouterOutputs["consumer"]["purchases"]) => page.nextCursor,
};

/** The bill's orders; each one's words are in `consumer.me.purchases.sorts`. */
export const sorts = {
  newest: { compare: (a: Purchase, b: Purchase) => b.occurredAt.getTime() - a.occurredAt.getTime() },
  oldest: { compare: (a: Purchase, b: Purchase) => a.occurredAt.getTime() - b.occurredAt.getTime() },
  highest: { compare: (a: Purchase, b: Purchase) => b.amountMinor - a.amountMinor },
  lowest: { compare: (a: Purchase, b: Purchase) => a.amountMinor - b.amountMinor },
} as const;

export type SortKey = keyof typeof sorts;

/** The loaded purchases of one operator and status (either may be empty for all), sorted. */
export function shownPurchases(all: Purchase[], filter: { operator: string; status: string; sort: string }): Purchase[] {
  const compare = sorts[(filter.sort in sorts ? filter.sort : "newest") as SortKey].compare;
  return all.filter((p) => (!filter.operator || p.orgId === filter.operator) && (!filter.status || p.status === filter.status)).sort(compare);
}
