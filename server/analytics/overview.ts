import { eq, sql } from "drizzle-orm";
import { queryRows } from "~/db/client";
import { ALL_LOCATIONS, organizations } from "~/db/schema";
import { countOpenAlerts } from "../alerts/summary";
import type { ServiceCtx } from "../context";
import { countMachinesByStatus } from "../fleet/fleet-views";
import { localDay } from "../replenishment/days";
import { machinesToVisit } from "../replenishment/planning";

/** Days of the overview's revenue chart. */
export const OVERVIEW_DAYS = 30;

/** The org's overview: today against the same weekday last week, fleet, alerts, top products, revenue by day. */
export async function getOverview(ctx: ServiceCtx) {
  const [org] = await queryRows<{ today: string; currency: string; time_zone: string }>(
    ctx.db,
    sql`select (now() at time zone time_zone)::date::text as today, currency, time_zone from organizations where id = ${ctx.orgId}`,
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
  const [lastWeek] = await queryRows<{ revenue: number; units: number }>(
    ctx.db,
    sql`select coalesce(sum(revenue_minor), 0)::bigint as revenue, coalesce(sum(units), 0)::int as units from sales_daily_org
      where org_id = ${ctx.orgId} and currency = ${currency} and day = ${today}::date - 7`,
  );
  const topProducts = await queryRows<{ productId: string; name: string; units: number; revenueMinor: number }>(
    ctx.db,
    sql`select d.product_id as "productId", coalesce(p.name, 'Unknown product') as name, sum(d.units)::int as units, sum(d.revenue_minor)::bigint as "revenueMinor"
      from sales_daily_product d left join products p on p.id = d.product_id and p.org_id = ${ctx.orgId}
      where d.org_id = ${ctx.orgId} and d.location_id = ${ALL_LOCATIONS} and d.currency = ${currency} and d.day > ${today}::date - 7
      group by 1, 2 having sum(d.units) > 0 order by 4 desc, 2 limit 5`,
  );
  const todayRow = byDay.at(-1)!;
  return {
    today,
    currency,
    timeZone: org.time_zone,
    todayRevenueMinor: todayRow.revenueMinor,
    todayUnits: todayRow.units,
    lastWeekRevenueMinor: Number(lastWeek?.revenue ?? 0),
    lastWeekUnits: Number(lastWeek?.units ?? 0),
    machines: await countMachinesByStatus(ctx),
    openAlerts: await countOpenAlerts(ctx),
    topProducts: topProducts.map((p) => ({ ...p, units: Number(p.units), revenueMinor: Number(p.revenueMinor) })),
    byDay,
  };
}

export type Overview = Awaited<ReturnType<typeof getOverview>>;

/** A machine the replenishment plan sends someone to today. */
export interface MachineToVisit {
  machineId: string;
  name: string;
  locationName: string | null;
  reason: string;
}

/** Machines today's replenishment plan sends someone to (days in the org's time zone). */
export async function machinesToVisitToday(ctx: ServiceCtx, now = new Date()): Promise<MachineToVisit[]> {
  const [org] = await ctx.db.select({ timeZone: organizations.timeZone }).from(organizations).where(eq(organizations.id, ctx.orgId));
  if (!org) return [];
  const visits = await machinesToVisit(ctx, localDay(now, org.timeZone), now);
  return visits.map((v) => ({ machineId: v.machineId, name: v.name, locationName: v.locationName, reason: v.reason }));
}
