// When visits may happen: the org's (or a route's) working days, hours and same-day cut-off, and a
// route's daily capacity. Pure: `planFleet` feeds it the clock and the plans of `planMachine`.
import "server-only";
import { renderMessage } from "~/server/errors";
import type { Locale } from "~/server/i18n/locales";
import { addDays, weekdayOf } from "~/server/time";
import { replenishmentTexts as texts, weekdayName } from "./explanations";
import { planForVisitDays, type MachinePlan, type PlanMachineInput } from "./plan-math";

export interface WorkRules {
  /** 0 = Monday .. 6 = Sunday. */
  workingDays: readonly number[];
  /** "HH:MM", local. */
  workStart: string;
  workEnd: string;
  sameDayCutoff: string;
}

/** Minutes past midnight of an "HH:MM" time. */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/**
 * The horizon days (0 = today) a visit may be planned on: working weekdays only, and today only
 * while the local time `nowMinute` is before both the same-day cut-off and the end of the working
 * day. A plan made at night, on a day off or after the cut-off starts at the next working day.
 */
export function openDays(input: { today: string; nowMinute: number; horizon: number; rules: WorkRules }): boolean[] {
  const { today, nowMinute, horizon, rules } = input;
  const lastStart = Math.min(minutesOf(rules.sameDayCutoff), minutesOf(rules.workEnd));
  return Array.from({ length: horizon }, (_, d) => rules.workingDays.includes(weekdayOf(addDays(today, d))) && (d > 0 || nowMinute < lastStart));
}

/** The first open day after `day`, or null when the horizon has none. */
export function nextOpenDay(open: readonly boolean[], day: number): number | null {
  for (let d = day + 1; d < open.length; d++) if (open[d]) return d;
  return null;
}

/** Most machines and most units one day of a route takes; null = no limit. */
export interface RouteCapacity {
  maxStops: number | null;
  maxUnits: number | null;
}

/** A visit the calendar or the route's capacity moved: from day, to day (null: no room left in the horizon). */
export interface PlanMove {
  from: number;
  to: number | null;
  reason: "route_full" | "day_off";
}

export interface RouteMachine {
  machineId: string;
  /** What `planMachine` was given, so a moved visit's fills can be recomputed. */
  input: PlanMachineInput;
  plan: MachinePlan;
}

export interface FittedMachine {
  machineId: string;
  plan: MachinePlan;
  moves: PlanMove[];
  /** Days whose fill was cut to what the route could still carry, with the units kept. */
  capped: { day: number; units: number }[];
}

const unitsOf = (plan: MachinePlan, day: number) => (plan.visits.find((v) => v.day === day)?.fills ?? []).reduce((a, f) => a + f.quantity, 0);

/** Cuts a visit's fills to `units` in total, in slot order. */
function capVisit(plan: MachinePlan, day: number, units: number): MachinePlan {
  let left = units;
  const visits = plan.visits.map((v) => {
    if (v.day !== day) return v;
    return {
      ...v,
      fills: v.fills.map((f) => {
        const quantity = Math.min(f.quantity, left);
        left -= quantity;
        return { ...f, quantity };
      }),
    };
  });
  return { ...plan, visits, fills: visits[0]?.fills ?? [] };
}

/**
 * Fits a route's planned visits into its open days and daily capacity, day by day from today. When a
 * day holds more stops or units than the route takes, the most urgent machines (most margin expected
 * lost by that day without a visit, then the larger fill) keep the day and the others move to the
 * route's next open day, their fills recomputed for it (a visit already planned there absorbs the
 * moved one). A machine that alone needs more units than a whole day carries goes with its fill cut
 * to what is left. Visits with no room left in the horizon are dropped, and every move is recorded.
 */
export function fitRoute(machines: readonly RouteMachine[], open: readonly boolean[], capacity: RouteCapacity): FittedMachine[] {
  const state = machines.map((m) => ({ ...m, days: [...m.plan.visitDays], moves: [] as PlanMove[], capped: [] as { day: number; units: number }[] }));
  const replan = (s: (typeof state)[number]) => {
    s.plan = planForVisitDays(s.input, s.days);
    // Earlier days are settled: keep the cuts made to fit them.
    for (const c of s.capped) s.plan = capVisit(s.plan, c.day, c.units);
  };
  for (let d = 0; d < open.length; d++) {
    const here = state
      .filter((s) => s.days.includes(d))
      .map((s) => ({ s, units: unitsOf(s.plan, d), lost: s.plan.days[d]?.lostIfNotVisitedMinor ?? 0 }))
      .sort((a, b) => b.lost - a.lost || b.units - a.units || a.s.machineId.localeCompare(b.s.machineId));
    let stops = 0;
    let units = 0;
    for (const { s, units: u } of here) {
      const stopFree = capacity.maxStops === null || stops < capacity.maxStops;
      const room = capacity.maxUnits === null ? Infinity : capacity.maxUnits - units;
      if (open[d] && stopFree && u <= room) {
        stops++;
        units += u;
        continue;
      }
      if (open[d] && stopFree && capacity.maxUnits !== null && u > capacity.maxUnits && room > 0) {
        s.capped.push({ day: d, units: room });
        s.plan = capVisit(s.plan, d, room);
        stops++;
        units += room;
        continue;
      }
      const to = nextOpenDay(open, d);
      s.days = s.days.filter((x) => x !== d);
      if (to !== null && !s.days.includes(to)) s.days.push(to);
      s.moves.push({ from: d, to, reason: open[d] ? "route_full" : "day_off" });
      replan(s);
    }
  }
  return state.map((s) => ({ machineId: s.machineId, plan: s.plan, moves: s.moves, capped: s.capped }));
}

/** Why a machine's visits are not where the optimiser put them, e.g. "Mon's visit moved to Tue: route full", in `locale` (English when left out). */
export function planNotes(m: Pick<FittedMachine, "moves" | "capped">, dates: readonly string[], locale?: Locale): string[] {
  const dayName = (date: string) => weekdayName(date, weekdayOf(date), locale);
  const notes = m.moves.map((move) => {
    const from = dayName(dates[move.from]!);
    const routeFull = move.reason === "route_full";
    if (move.to === null) return renderMessage(routeFull ? texts.note_dropped_route_full : texts.note_dropped_day_off, { from }, locale);
    return renderMessage(routeFull ? texts.note_moved_route_full : texts.note_moved_day_off, { from, to: dayName(dates[move.to]!) }, locale);
  });
  for (const c of m.capped) notes.push(renderMessage(c.units === 1 ? texts.note_capped_one : texts.note_capped_many, { day: dayName(dates[c.day]!), units: c.units }, locale));
  return notes;
}
