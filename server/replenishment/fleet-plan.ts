import "server-only";
import type { ServiceCtx } from "~/server/context";
import { renderMessage } from "~/server/errors";
import type { Locale } from "~/server/i18n/locales";
import { formatMoney } from "~/server/money";
import { addDays, dayShareLeft, daysBetween, localMinute, weekdayOf } from "~/server/time";
import { HORIZON_DAYS, type MachineToVisit, type ReplenishmentSettings } from "./contract";
import { expectedOn, type SlotForecast } from "./demand-model";
import { replenishmentTexts as texts } from "./explanations";
import { loadFleetSlots, loadForecasts, orgZone, type FleetSlot } from "./fleet-slots";
import { slotKey } from "./history";
import { fitRoute, openDays, type PlanMove, type RouteMachine } from "./plan-calendar";
import { planMachine, type MachinePlan, type PlanMachineInput, type PlanSlot } from "./plan-math";
import { getSettings } from "./settings";

/** Expected units for each horizon day from today; today counts only the hours still ahead. */
export function horizonMeans(f: SlotForecast, today: string, shareLeft: number, horizon = HORIZON_DAYS): number[] {
  return Array.from({ length: horizon }, (_, i) => expectedOn(f, weekdayOf(addDays(today, i))) * (i === 0 ? shareLeft : 1));
}

/** A slot with its forecast as the planner takes it: margin per unit, expected demand per day, spread. */
export function planSlotOf(s: PlannedMachine["slots"][number]): PlanSlot {
  return {
    code: s.code,
    productId: s.productId,
    capacity: s.capacity,
    parLevel: s.parLevel,
    stock: s.stock,
    marginMinor: Math.max(0, Number(s.priceMinor) - Number(s.costMinor)),
    dailyMeans: s.dailyMeans,
    dispersion: s.forecast?.dispersion ?? Infinity,
  };
}

export interface PlannedMachine {
  machineId: string;
  name: string;
  location: string | null;
  route: { id: string; name: string; position: number; maxStops: number | null; maxUnits: number | null } | null;
  plan: MachinePlan;
  /** Visits the route's capacity (or a day off) moved from the day the optimiser chose. */
  moves: PlanMove[];
  /** Visits whose fill was cut to what the route could still carry that day. */
  capped: { day: number; units: number }[];
  /** The horizon days a visit may be planned on (the route's calendar, else the org's). */
  openDays: boolean[];
  /** Visit dates (local days) of the plan. */
  visitDates: string[];
  slots: (FleetSlot & { forecast: SlotForecast | null; dailyMeans: number[] })[];
}

export interface FleetPlan {
  today: string;
  dates: string[];
  timeZone: string;
  settings: ReplenishmentSettings;
  /** The horizon days the org works, after today's cut-off. */
  openDays: boolean[];
  machines: PlannedMachine[];
  /** When the forecasts used were computed (the oldest), or null when there are none yet. */
  forecastsComputedAt: Date | null;
}

/**
 * Plans the org's fleet from now over the horizon: current stock, the org's visit cost and fill
 * rule, and the stored forecasts (or the `forecasts` just computed). Slots without a forecast yet
 * expect no demand. Visits fall only on working days (the route's, else the org's), never today
 * after the cut-off or the end of the working day, and never beyond a route's daily capacity.
 */
export async function planFleet(ctx: ServiceCtx, input: { now?: Date; forecasts?: Map<string, SlotForecast> } = {}): Promise<FleetPlan> {
  const now = input.now ?? new Date();
  const given = input.forecasts;
  // One after another: the reads share the caller's transaction (one connection).
  const { timeZone } = await orgZone(ctx);
  const settings = await getSettings(ctx);
  const fleetSlots = await loadFleetSlots(ctx);
  const stored = given ? null : await loadForecasts(ctx);
  const forecasts: Map<string, SlotForecast & { computedAt?: Date; productId?: string | null }> = given ?? stored!;
  const { day: today, minute: nowMinute } = localMinute(now, timeZone);
  const orgOpen = openDays({ today, nowMinute, horizon: HORIZON_DAYS, rules: settings });
  const openOf = (routeDays: number[] | null) => (routeDays ? openDays({ today, nowMinute, horizon: HORIZON_DAYS, rules: { ...settings, workingDays: routeDays } }) : orgOpen);
  const share = dayShareLeft(now, timeZone);
  const dates = Array.from({ length: HORIZON_DAYS }, (_, i) => addDays(today, i));

  const byMachine = new Map<string, FleetSlot[]>();
  for (const s of fleetSlots) {
    let list = byMachine.get(s.machineId);
    if (!list) byMachine.set(s.machineId, (list = []));
    list.push(s);
  }
  let oldest: Date | null = null;
  const machines: PlannedMachine[] = [];
  // Machines by route (no route: "" with no capacity), fitted to the route's days once all are planned.
  const byRoute = new Map<string, { open: boolean[]; capacity: { maxStops: number | null; maxUnits: number | null }; machines: RouteMachine[] }>();
  for (const [machineId, list] of byMachine) {
    const withForecast = list.map((s) => {
      const f = forecasts.get(slotKey(machineId, s.code));
      // A forecast made for another product of the slot says nothing about this one.
      const usable = f && (f.productId === undefined || f.productId === s.productId) ? f : null;
      if (usable && "computedAt" in usable && usable.computedAt && (!oldest || usable.computedAt < oldest)) oldest = usable.computedAt;
      return { ...s, forecast: usable, dailyMeans: usable ? horizonMeans(usable, today, share) : new Array<number>(HORIZON_DAYS).fill(0) };
    });
    const planSlots = withForecast.map(planSlotOf);
    const first = list[0]!;
    const open = first.routeId ? openOf(first.routeWorkingDays) : orgOpen;
    const planInput: PlanMachineInput = { slots: planSlots, visitCostMinor: settings.visitCostMinor, fillTo: settings.fillTo, allowedDays: open, emptySlotHourMinor: settings.emptySlotHourMinor };
    const plan = planMachine(planInput);
    const key = first.routeId ?? "";
    let group = byRoute.get(key);
    if (!group) byRoute.set(key, (group = { open, capacity: { maxStops: first.routeMaxStops ?? null, maxUnits: first.routeMaxUnits ?? null }, machines: [] }));
    group.machines.push({ machineId, input: planInput, plan });
    machines.push({
      machineId,
      name: first.machineName,
      location: first.locationName,
      route: first.routeId
        ? { id: first.routeId, name: first.routeName ?? "", position: first.routePosition ?? 0, maxStops: first.routeMaxStops ?? null, maxUnits: first.routeMaxUnits ?? null }
        : null,
      plan,
      moves: [],
      capped: [],
      openDays: open,
      visitDates: [],
      slots: withForecast,
    });
  }
  const fitted = new Map([...byRoute.values()].flatMap((g) => fitRoute(g.machines, g.open, g.capacity).map((f) => [f.machineId, f] as const)));
  for (const m of machines) {
    const f = fitted.get(m.machineId)!;
    Object.assign(m, { plan: f.plan, moves: f.moves, capped: f.capped, visitDates: f.plan.visitDays.map((d) => dates[d]!) });
  }
  return { today, dates, timeZone, settings, openDays: orgOpen, machines, forecastsComputedAt: oldest };
}

/**
 * The machines planned for a visit on `day` (a local date within the horizon; today when left
 * out), in route order, with a short reason ("11 units to fill · €8.40 at risk") for dashboards.
 */
export async function machinesToVisit(ctx: ServiceCtx, input: { day?: string; now?: Date; locale?: Locale } = {}) {
  const fleet = await planFleet(ctx, { now: input.now });
  const offset = daysBetween(fleet.today, input.day ?? fleet.today);
  if (offset < 0 || offset >= HORIZON_DAYS) return [];
  return fleet.machines
    .filter((m) => m.plan.visitDays.includes(offset))
    .map((m) => {
      const units = (m.plan.visits.find((v) => v.day === offset)?.fills ?? []).reduce((a, f) => a + f.quantity, 0);
      const atRisk = m.plan.days.at(-1)?.lostIfNotVisitedMinor ?? 0;
      return {
        machineId: m.machineId,
        name: m.name,
        locationName: m.location,
        route: m.route,
        units,
        /** Expected lost margin over the horizon if the machine were not visited at all. */
        atRiskMinor: atRisk,
        reason: renderMessage(units === 1 ? texts.visit_reason_one : texts.visit_reason_many, { units, amount: formatMoney(atRisk, fleet.settings.currency, { locale: input.locale }) }, input.locale),
      };
    })
    .sort((a, b) => (a.route?.name ?? "\uffff").localeCompare(b.route?.name ?? "\uffff") || (a.route?.position ?? 0) - (b.route?.position ?? 0) || a.name.localeCompare(b.name));
}

/** Machines today's plan sends someone to (today in the org's zone), for the overview. */
export async function machinesToVisitToday(ctx: ServiceCtx, input: { now?: Date; locale?: Locale } = {}): Promise<MachineToVisit[]> {
  const visits = await machinesToVisit(ctx, { now: input.now, locale: input.locale });
  return visits.map((v) => ({ machineId: v.machineId, name: v.name, locationName: v.locationName, reason: v.reason }));
}
