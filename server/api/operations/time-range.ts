import "server-only";
import { instant } from "../schemas";

/** `?from=&to=` of the lists of things that happened at a time: `from` inclusive, `to` exclusive. */
export const timeRangeQuery = {
  from: instant().optional().meta({ description: "Only from this instant on (inclusive), ISO 8601 UTC" }),
  to: instant().optional().meta({ description: "Only before this instant (exclusive), ISO 8601 UTC" }),
};

/** Refuses a range that ends before it starts, on `to`: `.refine(...forwardRange)`. */
export const forwardRange: [(q: { from?: string; to?: string }) => boolean, { message: string; path: string[] }] = [
  (q) => !q.from || !q.to || new Date(q.from) <= new Date(q.to),
  { message: "`to` must not be before `from`.", path: ["to"] },
];

/** The range as dates for a domain's page input. */
export const rangeDates = (q: { from?: string; to?: string }) => ({ from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined });
