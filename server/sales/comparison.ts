import "server-only";
import { and, or, sql } from "drizzle-orm";
import type { z } from "zod";
import { organizations, sales } from "~/db/schema";
import type { ServiceCtx } from "../context";
import { comparedRange, relativeChange, salesComparisonInput } from "./contract";
import { dayBounds } from "./day-bounds";
import { salesWhere } from "./sales";

/** Vends, failures, revenue and cost of succeeded vends. */
export interface SalesFigures {
  vends: number;
  failed: number;
  revenueMinor: number;
  costMinor: number;
}

const none = (): SalesFigures => ({ vends: 0, failed: 0, revenueMinor: 0, costMinor: 0 });

const add = (a: SalesFigures, b: SalesFigures): SalesFigures => ({
  vends: a.vends + b.vends,
  failed: a.failed + b.failed,
  revenueMinor: a.revenueMinor + b.revenueMinor,
  costMinor: a.costMinor + b.costMinor,
});

const averageTicket = (f: SalesFigures) => (f.vends > 0 ? Math.round(f.revenueMinor / f.vends) : 0);

/** The change of each figure in % of the compared period's (null where that one is 0). */
function changes(now: SalesFigures, before: SalesFigures) {
  return {
    vends: relativeChange(now.vends, before.vends),
    failed: relativeChange(now.failed, before.failed),
    revenueMinor: relativeChange(now.revenueMinor, before.revenueMinor),
    averageTicketMinor: relativeChange(averageTicket(now), averageTicket(before)),
    grossProfitMinor: relativeChange(now.revenueMinor - now.costMinor, before.revenueMinor - before.costMinor),
  };
}

/**
 * The filter's range against the compared one (the days just before, or the same days a year
 * earlier), in one query: totals per currency with the change of each figure, and each day of the
 * range beside the compared day at the same position. Days are the org's.
 */
export async function salesComparison(ctx: ServiceCtx, raw: z.input<typeof salesComparisonInput>) {
  const { compare, ...filter } = salesComparisonInput.parse(raw);
  const current = { from: filter.from!, to: filter.to! };
  const previous = comparedRange(current, compare);
  const zone = sql`(select o.time_zone from ${organizations} o where o.id = ${ctx.orgId})`;
  const within = async (r: { from: string; to: string }) => {
    const bounds = await dayBounds(ctx, r);
    return sql`(${sales.occurredAt} >= ${bounds.from!.toISOString()}::timestamptz and ${sales.occurredAt} < ${bounds.to!.toISOString()}::timestamptz)`;
  };
  const rows = await ctx.db
    .select({
      current: sql<boolean>`${await within(current)}`,
      day: sql<string>`to_char((${sales.occurredAt} at time zone ${zone})::date, 'YYYY-MM-DD')`,
      currency: sales.currency,
      vends: sql<number>`count(*) filter (where ${sales.status} = 'succeeded')::int`,
      failed: sql<number>`count(*) filter (where ${sales.status} = 'failed')::int`,
      revenueMinor: sql<string>`coalesce(sum(${sales.priceMinor}) filter (where ${sales.status} = 'succeeded'), 0)::bigint`,
      costMinor: sql<string>`coalesce(sum(${sales.costMinor}) filter (where ${sales.status} = 'succeeded'), 0)::bigint`,
    })
    .from(sales)
    .where(and(await salesWhere(ctx, { ...filter, from: undefined, to: undefined }), or(await within(current), await within(previous))))
    // By position: the expressions carry parameters, so they cannot be repeated textually.
    .groupBy(sql`1`, sql`2`, sql`3`)
    .orderBy(sql`3`, sql`2`);

  const dayIndex = (day: string, from: string) => Math.round((Date.parse(day) - Date.parse(from)) / 86_400_000);
  const length = dayIndex(current.to, current.from) + 1;
  const perCurrency = new Map<string, { current: SalesFigures[]; previous: SalesFigures[] }>();
  for (const r of rows) {
    let series = perCurrency.get(r.currency);
    if (!series) perCurrency.set(r.currency, (series = { current: Array.from({ length }, none), previous: Array.from({ length }, none) }));
    const figures = { vends: r.vends, failed: r.failed, revenueMinor: Number(r.revenueMinor), costMinor: Number(r.costMinor) };
    // A year back can be a day shorter (29 February); its days line up from the first.
    const i = r.current ? dayIndex(r.day, current.from) : dayIndex(r.day, previous.from);
    const list = r.current ? series.current : series.previous;
    if (i >= 0 && i < length) list[i] = add(list[i]!, figures);
  }
  const previousLength = dayIndex(previous.to, previous.from) + 1;
  const dayAt = (from: string, i: number) => new Date(Date.parse(from) + i * 86_400_000).toISOString().slice(0, 10);

  return {
    compare,
    current,
    previous,
    totals: [...perCurrency].map(([currency, s]) => {
      const now = s.current.reduce(add, none());
      const before = s.previous.reduce(add, none());
      return { currency, current: now, previous: before, change: changes(now, before) };
    }),
    days: [...perCurrency].flatMap(([currency, s]) =>
      s.current.map((now, i) => ({
        currency,
        day: dayAt(current.from, i),
        previousDay: i < previousLength ? dayAt(previous.from, i) : null,
        vends: now.vends,
        revenueMinor: now.revenueMinor,
        previousVends: s.previous[i]!.vends,
        previousRevenueMinor: s.previous[i]!.revenueMinor,
      })),
    ),
  };
}

export type SalesComparisonResult = Awaited<ReturnType<typeof salesComparison>>;
