import "server-only";
import type { z } from "zod";
import type { ServiceCtx } from "~/server/context";
import { fieldError } from "~/server/errors";
import { daysBetween } from "~/server/time";
import { dayPlanInput, HORIZON_DAYS, replenishmentMessages, type ReplenishmentSettings } from "./contract";
import { planFleet, planSlotOf, type PlannedMachine } from "./fleet-plan";
import { todaysAcceptance } from "./plan-acceptance";
import { planForVisitDays } from "./plan-math";

/** What visiting only on `day` saves of the loss over the horizon without any visit (never below 0). */
function lossAvoided(m: PlannedMachine, day: number, settings: Pick<ReplenishmentSettings, "visitCostMinor" | "fillTo" | "emptySlotHourMinor">): number {
  const lostWithout = m.plan.days.at(-1)?.lostIfNotVisitedMinor ?? 0;
  const input = { slots: m.slots.map(planSlotOf), visitCostMinor: settings.visitCostMinor, fillTo: settings.fillTo, emptySlotHourMinor: settings.emptySlotHourMinor };
  return Math.min(lostWithout, Math.max(0, lostWithout - planForVisitDays(input, [day]).expectedLostMinor));
}

interface PickLine {
  productId: string;
  productName: string | null;
  quantity: number;
}

/**
 * One day of the restock plan (today in the org's zone when left out, else a day within the
 * horizon): the stops per route in driving order, each with what to fill, the loss it avoids,
 * and per route the pick list to load. Read-only: the same plan the plans page and home show.
 */
export async function dayPlan(ctx: ServiceCtx, input: z.input<typeof dayPlanInput> & { now?: Date } = {}) {
  const { day: asked } = dayPlanInput.parse({ day: input.day });
  const fleet = await planFleet(ctx, { now: input.now });
  const day = asked ?? fleet.today;
  const offset = daysBetween(fleet.today, day);
  if (offset < 0 || offset >= HORIZON_DAYS) throw fieldError("day", replenishmentMessages.day_outside_plan, { first: fleet.today, last: fleet.dates.at(-1)! });
  const stops = fleet.machines
    .filter((m) => m.plan.visitDays.includes(offset))
    .map((m) => {
      const names = new Map(m.slots.map((s) => [s.code, s.productName]));
      const fills = (m.plan.visits.find((v) => v.day === offset)?.fills ?? [])
        .filter((f) => f.quantity > 0)
        .map((f) => ({ slot: f.code, productId: f.productId, productName: names.get(f.code) ?? null, quantity: f.quantity, expectedStock: Math.floor(f.expectedStock), target: f.target }));
      return {
        machineId: m.machineId,
        name: m.name,
        location: m.location,
        route: m.route,
        units: fills.reduce((a, f) => a + f.quantity, 0),
        lostIfNotVisitedMinor: m.plan.days.at(-1)?.lostIfNotVisitedMinor ?? 0,
        lossAvoidedMinor: lossAvoided(m, offset, fleet.settings),
        fills,
      };
    });
  const routes = new Map<string, { route: PlannedMachine["route"]; stops: typeof stops }>();
  for (const stop of stops) {
    const key = stop.route?.id ?? "";
    const group = routes.get(key) ?? { route: stop.route, stops: [] };
    group.stops.push(stop);
    routes.set(key, group);
  }
  const byRoute = [...routes.values()]
    .sort((a, b) => (a.route?.name ?? "\uffff").localeCompare(b.route?.name ?? "\uffff"))
    .map((g) => {
      const ordered = g.stops.sort((a, b) => (a.route?.position ?? 0) - (b.route?.position ?? 0) || a.name.localeCompare(b.name));
      const pick = new Map<string, PickLine>();
      for (const f of ordered.flatMap((s) => s.fills)) {
        if (!f.productId) continue;
        const line = pick.get(f.productId) ?? { productId: f.productId, productName: f.productName, quantity: 0 };
        line.quantity += f.quantity;
        pick.set(f.productId, line);
      }
      return {
        route: g.route ? { id: g.route.id, name: g.route.name } : null,
        stops: ordered,
        units: ordered.reduce((a, s) => a + s.units, 0),
        lossAvoidedMinor: ordered.reduce((a, s) => a + s.lossAvoidedMinor, 0),
        pickList: [...pick.values()].sort((a, b) => (a.productName ?? "").localeCompare(b.productName ?? "")),
      };
    });
  const acceptance = await todaysAcceptance(ctx, { today: day });
  return {
    day,
    today: fleet.today,
    timeZone: fleet.timeZone,
    currency: fleet.settings.currency,
    visitCostMinor: fleet.settings.visitCostMinor,
    forecastsComputedAt: fleet.forecastsComputedAt,
    acceptedAt: acceptance?.acceptedAt ?? null,
    routes: byRoute,
    stops: stops.length,
    units: stops.reduce((a, s) => a + s.units, 0),
    lossAvoidedMinor: stops.reduce((a, s) => a + s.lossAvoidedMinor, 0),
  };
}
