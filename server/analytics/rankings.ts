import "server-only";
import { sql } from "drizzle-orm";
import type { z } from "zod";
import { queryRows } from "~/db/client";
import { ALL_LOCATIONS, ALL_MACHINES } from "~/db/schema";
import type { ServiceCtx } from "~/server/context";
import { defineMessages, renderMessage } from "~/server/errors";
import type { Locale } from "~/server/i18n/locales";
import { periodInput, type EliminationCandidate, type LocationPerformance, type ProductRanking } from "./contract";
import { resolvePeriod, type Period } from "./period";

const median = (xs: number[]) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return null;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Products over the period (org-wide, or at one location), from the product rollup and stockout time. */
async function productFigures(ctx: ServiceCtx, p: Period, locationId: string | undefined): Promise<ProductRanking[]> {
  const location = locationId ?? ALL_LOCATIONS;
  const rows = await queryRows<Record<string, string | number | null>>(
    ctx.db,
    sql`with cur as (
        select product_id, sum(units) as units, sum(revenue_minor) as revenue, sum(revenue_minor - cost_minor) as margin
        from sales_daily_product where org_id = ${ctx.orgId} and location_id = ${location} and currency = ${p.currency}
          and day between ${p.from}::date and ${p.to}::date group by 1
      ), prev as (
        select product_id, sum(units) as units from sales_daily_product where org_id = ${ctx.orgId} and location_id = ${location}
          and currency = ${p.currency} and day between ${p.previousFrom}::date and ${p.previousTo}::date group by 1
      ), offered as (
        select s.product_id, count(*) as slots from slots s join machines m on m.id = s.machine_id and m.org_id = ${ctx.orgId}
        where s.org_id = ${ctx.orgId} and s.product_id is not null ${locationId ? sql`and m.location_id = ${locationId}` : sql``} group by 1
      ), empty as (
        select product_id, sum(seconds) as seconds from stockout_daily where org_id = ${ctx.orgId}
          ${locationId ? sql`and location_id = ${locationId}` : sql``} and day between ${p.from}::date and ${p.to}::date group by 1
      )
      select pr.id as "productId", pr.name, pr.sku, pr.category, coalesce(cur.units, 0) as units, coalesce(cur.revenue, 0) as revenue,
        coalesce(cur.margin, 0) as margin, coalesce(prev.units, 0) as "previousUnits", coalesce(offered.slots, 0) as slots, coalesce(empty.seconds, 0) as empty_seconds
      from products pr
      left join cur on cur.product_id = pr.id left join prev on prev.product_id = pr.id
      left join offered on offered.product_id = pr.id left join empty on empty.product_id = pr.id
      where pr.org_id = ${ctx.orgId} and (cur.product_id is not null or offered.product_id is not null)`,
  );
  return rows.map((r) => {
    const units = Number(r.units);
    const revenueMinor = Number(r.revenue);
    const marginMinor = Number(r.margin);
    const previousUnits = Number(r.previousUnits);
    // Days on offer by the slots that carry it now, less the time those slots stood empty.
    const inStockDays = Math.max(0, Number(r.slots) * p.days - Number(r.empty_seconds) / 86_400);
    return {
      productId: String(r.productId),
      name: String(r.name),
      sku: String(r.sku),
      category: String(r.category),
      units,
      revenueMinor,
      marginMinor,
      marginRate: revenueMinor > 0 ? marginMinor / revenueMinor : null,
      previousUnits,
      change: previousUnits > 0 ? (units - previousUnits) / previousUnits : null,
      inStockDays: Math.round(inStockDays * 10) / 10,
      velocity: inStockDays >= 1 ? units / inStockDays : null,
    };
  });
}

/** Thresholds for elimination candidates; the reasons quote them. */
export const eliminationRules = {
  /** Velocity under this share of the median product's. */
  slowShare: 0.35,
  /** Margin rate under this. */
  lowMargin: 0.2,
  /** Units down by more than this share against the previous period... */
  decline: 0.3,
  /** ...when the previous period had at least this many units. */
  declineMinUnits: 10,
};

export const eliminationMessages = defineMessages("rankings", {
  slow: "Sells {rate} a day per slot while in stock, against {median} for the median product.",
  low_margin: "Margin of {margin}, under {threshold}.",
  declining: "{units} sold, down {decline} on the previous {days} days ({previous}).",
});

const pct = (x: number) => `${Math.round(x * 100)} %`;
const rate = (x: number) => (x >= 10 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toFixed(2));

/** Why a product is a candidate to drop, in words (in `locale`, English when left out); empty when it is not one. */
export function eliminationReasons(p: ProductRanking, medianVelocity: number | null, periodDays: number, locale?: Locale): string[] {
  const reasons: string[] = [];
  const r = eliminationRules;
  const m = eliminationMessages;
  if (p.velocity !== null && medianVelocity && p.velocity < medianVelocity * r.slowShare) {
    reasons.push(renderMessage(m.slow, { rate: rate(p.velocity), median: rate(medianVelocity) }, locale));
  }
  if (p.marginRate !== null && p.marginRate < r.lowMargin) reasons.push(renderMessage(m.low_margin, { margin: pct(p.marginRate), threshold: pct(r.lowMargin) }, locale));
  if (p.change !== null && p.change < -r.decline && p.previousUnits >= r.declineMinUnits) {
    reasons.push(renderMessage(m.declining, { units: p.units, decline: pct(-p.change), days: periodDays, previous: p.previousUnits }, locale));
  }
  return reasons;
}

/** Rankings of the period: products with their figures, elimination candidates (reasons in `locale`) and locations. */
export async function getRankings(ctx: ServiceCtx, raw: z.input<typeof periodInput> & { locale?: Locale }) {
  const input = periodInput.parse(raw);
  const period = await resolvePeriod(ctx, input);
  const products = await productFigures(ctx, period, input.locationId);
  const medianVelocity = median(products.flatMap((p) => (p.velocity === null ? [] : [p.velocity])));
  const candidates: EliminationCandidate[] = products
    .map((p) => ({ ...p, reasons: eliminationReasons(p, medianVelocity, period.days, raw.locale) }))
    .filter((p) => p.reasons.length > 0)
    .sort((a, b) => b.reasons.length - a.reasons.length || (a.velocity ?? 0) - (b.velocity ?? 0));
  return { period, products, medianVelocity, candidates, locations: await locationPerformance(ctx, period) };
}

/**
 * Each location's revenue per machine-day (its machines now, times the days of the period), its
 * trend against the period before and how it stands against the median location.
 */
export async function locationPerformance(ctx: ServiceCtx, p: Period): Promise<LocationPerformance[]> {
  const rows = await queryRows<Record<string, string | number>>(
    ctx.db,
    sql`with cur as (
        select location_id, sum(revenue_minor) as revenue, sum(units) as units from sales_daily_machine
        where org_id = ${ctx.orgId} and machine_id = ${ALL_MACHINES} and currency = ${p.currency} and day between ${p.from}::date and ${p.to}::date group by 1
      ), prev as (
        select location_id, sum(revenue_minor) as revenue from sales_daily_machine where org_id = ${ctx.orgId} and machine_id = ${ALL_MACHINES}
          and currency = ${p.currency} and day between ${p.previousFrom}::date and ${p.previousTo}::date group by 1
      ), here as (
        select location_id, count(*) as machines from machines where org_id = ${ctx.orgId} and location_id is not null group by 1
      )
      select l.id as "locationId", l.name, coalesce(here.machines, 0) as machines,
        coalesce(cur.revenue, 0) as revenue, coalesce(cur.units, 0) as units, coalesce(prev.revenue, 0) as previous
      from locations l left join cur on cur.location_id = l.id left join prev on prev.location_id = l.id left join here on here.location_id = l.id
      where l.org_id = ${ctx.orgId}`,
  );
  const perf = rows.map((r) => {
    const machines = Number(r.machines);
    const revenueMinor = Number(r.revenue);
    const previousRevenueMinor = Number(r.previous);
    return {
      locationId: String(r.locationId),
      name: String(r.name),
      machines,
      revenueMinor,
      units: Number(r.units),
      revenuePerMachineDay: machines > 0 ? Math.round(revenueMinor / (machines * p.days)) : 0,
      previousRevenueMinor,
      change: previousRevenueMinor > 0 ? (revenueMinor - previousRevenueMinor) / previousRevenueMinor : null,
      againstMedian: null as number | null,
    };
  });
  const mid = median(perf.filter((l) => l.machines > 0).map((l) => l.revenuePerMachineDay));
  for (const l of perf) l.againstMedian = mid && l.machines > 0 ? l.revenuePerMachineDay / mid : null;
  return perf.sort((a, b) => b.revenuePerMachineDay - a.revenuePerMachineDay);
}
