import "server-only";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { organizations } from "~/db/schema";
import { MAX_PERIOD_DAYS } from "~/server/analytics/contract";
import type { ServiceCtx } from "~/server/context";
import { fieldError } from "~/server/errors";
import type { Locale } from "~/server/i18n/locales";
import { getSettings } from "~/server/replenishment";
import { dayPeriod, localDay } from "~/server/time";
import { allocateCommission, monthDays, monthsOf, roundMinor, shareInPeriod } from "./allocation";
import { feesByMethod } from "./card-fees";
import { placeProfitInput, profitMessages, type PlaceProfit, type PlaceProfitReport } from "./contract";
import { commissionsByPlaceMonth, machineDayGross, places, refundsByPlace, salesByMethod, visitsByPlace, type SalesByMethod } from "./figures";
import { standingOf } from "./standing";

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return null;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/**
 * Each place's profit over a period of org days: revenue minus cost of goods, refunds, the host's
 * commission (each month's, spread over the month's machine-days by their gross sales), card fees
 * (each method's share plus fixed amount per payment) and visits (times the cost of a visit); per
 * machine-day, with where each place stands and why.
 */
export async function placeProfit(ctx: ServiceCtx, raw: z.input<typeof placeProfitInput> & { now?: Date; locale?: Locale }): Promise<PlaceProfitReport> {
  const input = placeProfitInput.parse(raw);
  const [org] = await ctx.db.select({ timeZone: organizations.timeZone, currency: organizations.currency }).from(organizations).where(eq(organizations.id, ctx.orgId));
  if (!org) throw new Error("organization not found");
  const { from, to, days } = dayPeriod(input, localDay(raw.now ?? new Date(), org.timeZone), 30);
  if (days > MAX_PERIOD_DAYS) throw fieldError("from", profitMessages.period_too_long);
  const { currency, timeZone } = org;
  const months = monthsOf(from, to);
  const first = monthDays(months[0]!).first;
  const last = monthDays(months.at(-1)!).last;

  // One after another: they share the tenant transaction.
  const cells = await salesByMethod(ctx, { from, to, currency });
  const refunds = await refundsByPlace(ctx, { from, to, currency, timeZone });
  const visits = await visitsByPlace(ctx, { from, to, timeZone });
  const placeList = await places(ctx);
  const commissions = await commissionsByPlaceMonth(ctx, { months, currency });
  // Machine-day sales over whole months, only where a host takes a commission.
  const commissioned = [...new Set([...commissions.keys()].map((key) => key.slice(0, key.indexOf("|"))))];
  const gross = await machineDayGross(ctx, { locationIds: commissioned, first, last, currency });
  const fees = await feesByMethod(ctx);
  const settings = await getSettings(ctx);
  const visitCost = settings.currency === currency ? settings.visitCostMinor : 0;

  const byPlace = new Map<string, SalesByMethod[]>();
  for (const c of cells) {
    const list = byPlace.get(c.locationId);
    if (list) list.push(c);
    else byPlace.set(c.locationId, [c]);
  }

  const rows: Omit<PlaceProfit, "standing" | "reasons">[] = placeList.map((place) => {
    const inPeriod = byPlace.get(place.locationId) ?? [];
    let revenue = 0;
    let cogs = 0;
    let fee = 0;
    for (const c of inPeriod) {
      revenue += c.revenueMinor;
      cogs += c.costMinor;
      const f = fees.get(c.paymentMethod);
      if (f) fee += (f.percentBp * (c.revenueMinor + c.refundMinor)) / 10_000 + f.fixedMinor * (c.units + c.refunds);
    }
    let commission = 0;
    for (const month of months) {
      const monthCommission = commissions.get(`${place.locationId}|${month}`);
      if (!monthCommission) continue;
      const sales = gross.get(place.locationId) ?? [];
      commission += shareInPeriod(allocateCommission({ month, commissionMinor: monthCommission, sales, machineIds: place.machineIds }), from, to);
    }
    const machineDays = place.machineIds.length * days;
    const figures = {
      revenueMinor: revenue,
      cogsMinor: cogs,
      marginMinor: revenue - cogs,
      refundsMinor: refunds.get(place.locationId) ?? 0,
      commissionMinor: roundMinor(commission),
      cardFeesMinor: roundMinor(fee),
      visits: visits.get(place.locationId) ?? 0,
      visitCostMinor: (visits.get(place.locationId) ?? 0) * visitCost,
    };
    const profit = figures.marginMinor - figures.refundsMinor - figures.commissionMinor - figures.cardFeesMinor - figures.visitCostMinor;
    return {
      locationId: place.locationId,
      name: place.name,
      machines: place.machineIds.length,
      machineDays,
      ...figures,
      profitMinor: profit,
      profitPerMachineDay: machineDays > 0 ? Math.round(profit / machineDays) : null,
    };
  });

  const mid = median(rows.flatMap((r) => (r.profitPerMachineDay === null ? [] : [r.profitPerMachineDay])));
  const placesOut: PlaceProfit[] = rows
    .map((r) => ({ ...r, ...standingOf(r, mid, currency, raw.locale) }))
    .sort((a, b) => (b.profitPerMachineDay ?? -Infinity) - (a.profitPerMachineDay ?? -Infinity) || b.profitMinor - a.profitMinor);
  const sum = (k: keyof (typeof rows)[number]) => rows.reduce((a, r) => a + (r[k] as number), 0);
  return {
    from,
    to,
    days,
    currency,
    visitCostMinor: visitCost,
    medianProfitPerMachineDay: mid,
    places: placesOut,
    totals: {
      machines: sum("machines"),
      machineDays: sum("machineDays"),
      revenueMinor: sum("revenueMinor"),
      cogsMinor: sum("cogsMinor"),
      marginMinor: sum("marginMinor"),
      refundsMinor: sum("refundsMinor"),
      commissionMinor: sum("commissionMinor"),
      cardFeesMinor: sum("cardFeesMinor"),
      visits: sum("visits"),
      visitCostMinor: sum("visitCostMinor"),
      profitMinor: sum("profitMinor"),
    },
  };
}
