import "server-only";
import type { ServiceCtx } from "~/server/context";
import { getMachine } from "~/server/fleet";
import type { Locale } from "~/server/i18n/locales";
import { weekdayOf } from "~/server/time";
import { band, daysToEmpty, selloutProbability } from "./demand-model";
import { planFleet } from "./fleet-plan";
import { planNotes } from "./plan-calendar";
import { loadForecasts } from "./fleet-slots";
import { slotKey } from "./history";

/**
 * The plans page: for each machine and horizon day, the expected lost margin if it is not visited
 * by then against the visit cost, the planned visits and what they bring; routes by day.
 */
export async function getPlanView(ctx: ServiceCtx, input: { now?: Date; locale?: Locale } = {}) {
  const fleet = await planFleet(ctx, { now: input.now });
  const machines = fleet.machines.map((m) => {
    const first = m.plan.visits[0];
    return {
      machineId: m.machineId,
      name: m.name,
      location: m.location,
      route: m.route,
      days: m.plan.days.map((d) => ({ date: fleet.dates[d.day]!, lostIfNotVisitedMinor: d.lostIfNotVisitedMinor, visit: d.visit })),
      nextVisit: first ? fleet.dates[first.day]! : null,
      units: first ? first.fills.reduce((a, f) => a + f.quantity, 0) : 0,
      fills: (first?.fills ?? [])
        .filter((f) => f.quantity > 0)
        .map((f) => ({ code: f.code, quantity: f.quantity, target: f.target, expectedStock: Math.floor(f.expectedStock), productName: m.slots.find((s) => s.code === f.code)?.productName ?? null })),
      expectedLostMinor: m.plan.expectedLostMinor,
      notes: planNotes(m, fleet.dates, input.locale),
      forecasted: m.slots.some((s) => s.forecast),
    };
  });
  const byDay = fleet.dates.map((date) => ({
    date,
    visits: machines.filter((m) => m.days.find((d) => d.date === date)?.visit).length,
  }));
  return {
    today: fleet.today,
    dates: fleet.dates,
    openDays: fleet.openDays,
    timeZone: fleet.timeZone,
    settings: fleet.settings,
    forecastsComputedAt: fleet.forecastsComputedAt,
    machines,
    byDay,
  };
}

/** A machine's slot forecasts: expected units today with a band, days to empty, sell-out chance. */
export async function machineForecast(ctx: ServiceCtx, input: { machineId: string; now?: Date }) {
  const { machineId, now } = input;
  await getMachine(ctx, machineId);
  const fleet = await planFleet(ctx, { now });
  const m = fleet.machines.find((x) => x.machineId === machineId);
  const stored = await loadForecasts(ctx);
  const next = m?.plan.visitDays[0];
  return {
    today: fleet.today,
    nextVisit: next === undefined ? null : fleet.dates[next]!,
    slots: (m?.slots ?? []).map((s) => {
      const f = s.forecast;
      const until = next === undefined ? s.dailyMeans.length : Math.max(next, 1);
      const row = stored.get(slotKey(machineId, s.code));
      return {
        code: s.code,
        productName: s.productName,
        stock: s.stock,
        capacity: s.capacity,
        tomorrow: f ? band(f, weekdayOf(fleet.dates[1]!)) : null,
        weekUnits: s.dailyMeans.reduce((a, b) => a + b, 0),
        daysToEmpty: f ? daysToEmpty(s.stock, s.dailyMeans) : null,
        selloutProbability: f && s.productId ? selloutProbability(f, s.stock, s.dailyMeans.slice(0, until)) : null,
        censoredDays: f?.censoredDays ?? 0,
        daysUsed: f?.daysUsed ?? 0,
        computedAt: row?.computedAt ?? null,
      };
    }),
  };
}
