import "server-only";
import { sql } from "drizzle-orm";
import { queryRows } from "~/db/client";
import { ALL_LOCATIONS, sales } from "~/db/schema";
import { countOpenAlerts } from "~/server/alerts";
import type { ServiceCtx } from "~/server/context";
import { countMachinesByStatus } from "~/server/fleet";
import { OVERVIEW_DAYS } from "./contract";

/**
 * Sales of today so far against the same weekday last week up to the same time of day (wall
 * clock, in the org's zone): a morning is compared with a morning, not with a whole day. Read from
 * the sales themselves, since the daily rollups cannot cut a day at an hour.
 */
async function todayAgainstLastWeek(ctx: ServiceCtx, now: Date, timeZone: string, currency: string) {
  const [row] = await queryRows<{ today_revenue: string; today_units: number; week_revenue: string; week_units: number; cut: Date | string }>(
    ctx.db,
    sql`with local as (select (${now.toISOString()}::timestamptz at time zone ${timeZone}) as t),
      bounds as (
        select (t::date)::timestamp at time zone ${timeZone} as today_from,
               (t::date + 1)::timestamp at time zone ${timeZone} as today_to,
               (t::date - 7)::timestamp at time zone ${timeZone} as week_from,
               ((t::date - 7) + (t - t::date::timestamp)) at time zone ${timeZone} as week_to
        from local
      )
      select coalesce(sum(s.price_minor) filter (where s.occurred_at >= b.today_from), 0)::bigint as today_revenue,
             (count(*) filter (where s.occurred_at >= b.today_from))::int as today_units,
             coalesce(sum(s.price_minor) filter (where s.occurred_at < b.week_to), 0)::bigint as week_revenue,
             (count(*) filter (where s.occurred_at < b.week_to))::int as week_units,
             min(b.week_to) as cut
      from bounds b left join ${sales} s on s.org_id = ${ctx.orgId} and s.status = 'succeeded' and s.currency = ${currency}
        and ((s.occurred_at >= b.today_from and s.occurred_at < b.today_to) or (s.occurred_at >= b.week_from and s.occurred_at < b.week_to))`,
  );
  return {
    todayRevenueMinor: Number(row?.today_revenue ?? 0),
    todayUnits: Number(row?.today_units ?? 0),
    lastWeekRevenueMinor: Number(row?.week_revenue ?? 0),
    lastWeekUnits: Number(row?.week_units ?? 0),
    /** The moment last week the comparison runs up to. */
    lastWeekUntil: new Date(row!.cut),
  };
}

/** The org's overview: today against the same weekday last week, fleet, alerts, top products, revenue by day. */
export async function getOverview(ctx: ServiceCtx, input: { now?: Date } = {}) {
  const now = input.now ?? new Date();
  const [org] = await queryRows<{ today: string; currency: string; time_zone: string }>(
    ctx.db,
    sql`select (${now.toISOString()}::timestamptz at time zone time_zone)::date::text as today, currency, time_zone from organizations where id = ${ctx.orgId}`,
  );
  if (!org) throw new Error("organization not found");
  const { today, currency } = org;
  const days = await queryRows<{ day: string; units: number; revenue: number; failed: number }>(
    ctx.db,
    sql`select g.day::date::text as day, coalesce(sum(d.units), 0)::int as units, coalesce(sum(d.revenue_minor), 0)::bigint as revenue,
        coalesce(sum(d.failed_vends), 0)::int as failed
      from generate_series(${today}::date - ${OVERVIEW_DAYS - 1}::int, ${today}::date, interval '1 day') g(day)
      left join sales_daily_org d on d.org_id = ${ctx.orgId} and d.currency = ${currency} and d.day = g.day::date
      group by 1 order by 1`,
  );
  const byDay = days.map((d) => ({ day: d.day, units: Number(d.units), revenueMinor: Number(d.revenue), failed: Number(d.failed) }));
  const compared = await todayAgainstLastWeek(ctx, now, org.time_zone, currency);
  const topProducts = await queryRows<{ productId: string; name: string; units: number; revenueMinor: number }>(
    ctx.db,
    sql`select d.product_id as "productId", coalesce(p.name, 'Unknown product') as name, sum(d.units)::int as units, sum(d.revenue_minor)::bigint as "revenueMinor"
      from sales_daily_product d left join products p on p.id = d.product_id and p.org_id = ${ctx.orgId}
      where d.org_id = ${ctx.orgId} and d.location_id = ${ALL_LOCATIONS} and d.currency = ${currency} and d.day > ${today}::date - 7
      group by 1, 2 having sum(d.units) > 0 order by 4 desc, 2 limit 5`,
  );
  return {
    today,
    currency,
    timeZone: org.time_zone,
    ...compared,
    machines: await countMachinesByStatus(ctx),
    openAlerts: await countOpenAlerts(ctx),
    topProducts: topProducts.map((p) => ({ ...p, units: Number(p.units), revenueMinor: Number(p.revenueMinor) })),
    byDay,
  };
}

export type Overview = Awaited<ReturnType<typeof getOverview>>;
