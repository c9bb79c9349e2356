// Does the plan pay? A simulated month of demand for a fleet, restocked by VendOps' plan and, side
// by side in the same run and on the same demand (common random numbers), by a fixed schedule with
// the same number of visits in total. Pure and in-process: no database, no server.
//
//   fleet     --machines N (default 300) from the demo's machine specs: planDemoFleet() with seeds
//             demo-vending-fleet, demo-vending-fleet-1, ... (each gives the 40 machines of the 11
//             demo places with other planograms, popularity draws and demand levels), first N taken.
//   demand    the simulator's model (sim/model.ts): per machine and day a lognormal day factor
//             (sd 0.18), per local hour dailyVends x weekday shape x hour shape of the place kind
//             (sim/traffic.ts), split over the slots by their popularity weight, Poisson per slot
//             and hour. Drawn from a stream per machine and day, so every strategy meets the same
//             customers. A customer facing an empty slot is lost (no substitution, no failed vends).
//   warm-up   56 days (the forecast's history window) restocked as the simulator restocks: a visit
//             when the route interval is due or 30 % of the slots are at or below par, never on a
//             weekend at a place closed then, filled to capacity. Daily units and availability
//             (the share of the day's demand, by the fleet's hour shape of the last 14 days, the
//             slot was in stock for) form each slot's history, as the product's loadHistory does.
//   month     --days (default 30) from one shared starting stock. Each machine has a visit hour
//             (7..14, within the working hours, the same for every strategy); a visit takes effect
//             at the start of it.
//     A VendOps: each morning at 06:00 every slot is re-fitted (fitForecast, the machine's weekday
//             shape from machineDays, last 56 days of its own history) and planMachine plans the
//             machine with the product's default settings (visit cost DEFAULT_VISIT_COST_MINOR,
//             an empty slot-hour at DEFAULT_EMPTY_SLOT_HOUR_MINOR, fill to capacity, working days Mon-Fri with the same-day cut-off, through openDays and
//             fitRoute as planFleet does, without routes so without route capacity); horizonMeans
//             with 18/24 of today left; margin = price - cost. A visit today brings the plan's fill
//             quantities, put in up to the free space.
//     B fixed: the same total of visits as A, spread evenly over machines and time: each machine
//             k visits (k = A's total / N, the remainder one more each for evenly spread machines)
//             at a fixed interval days/k with a staggered phase, moved to the nearest free working
//             day. Filled to capacity. (A weekly visit when A averages one a week.)
//     B' weekly (for reference, not equal visits): one visit a week per machine on a fixed weekday.
//   both      visit only on the org's working days (and on a weekend only at places open then).
//   figures   visits, units delivered and sold, stockout slot-hours (clock hours a slot is empty,
//             fractional in the hour it runs out), lost units, lost margin; the ratio A/B of
//             stockout slot-hours (goal <= 0.5); CPU, wall time and load average.
// Usage: npm run bench bench/plans.ts -- [--machines 300] [--days 30] [--seed plans]
// Results also go to bench/results/plans-<date>.json.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { demoProducts } from "~/server/demo/catalog-data";
import { planDemoFleet } from "~/server/demo/fleet-plan";
import {
  DEFAULT_SAME_DAY_CUTOFF,
  DEFAULT_SELLOUT_THRESHOLD,
  DEFAULT_EMPTY_SLOT_HOUR_MINOR,
  DEFAULT_VISIT_COST_MINOR,
  DEFAULT_WORK_END,
  DEFAULT_WORK_START,
  DEFAULT_WORKING_DAYS,
  HISTORY_DAYS,
  HORIZON_DAYS,
  fitForecast,
  fitRoute,
  horizonMeans,
  machineDays,
  openDays,
  planMachine,
  weekdayFactorsOf,
  type DayObservation,
  type FillTo,
  type PlanMachineInput,
  type PlanSlot,
} from "~/server/replenishment";
import { addDays, weekdayOf } from "~/server/time";
import { Random } from "~/sim/random";
import { hourShare, profiles, type PlaceKind } from "~/sim/traffic";

const { values } = parseArgs({
  options: {
    machines: { type: "string", default: "300" },
    days: { type: "string", default: "30" },
    seed: { type: "string", default: "plans" },
  },
});
const options = { machines: Number(values.machines), days: Number(values.days), seed: values.seed! };
for (const name of ["machines", "days"] as const) {
  if (!Number.isInteger(options[name]) || options[name] < 1) {
    console.error(`--${name} must be a whole number`);
    process.exit(2);
  }
}

const GOAL_RATIO = 0.5;
const WARMUP_DAYS = HISTORY_DAYS;
/** First day of the simulated month (a Monday); the warm-up is the days before. */
const MONTH_START = "2026-06-01";
/** The hour the plan is made each morning, and the share of the day still ahead then. */
const PLAN_HOUR = 6;
/** The product's default settings (an org that has not changed them); no routes, so no route capacity. */
const SETTINGS = {
  visitCostMinor: DEFAULT_VISIT_COST_MINOR,
  emptySlotHourMinor: DEFAULT_EMPTY_SLOT_HOUR_MINOR,
  fillTo: "capacity" as FillTo,
  selloutThreshold: DEFAULT_SELLOUT_THRESHOLD,
  workingDays: [...DEFAULT_WORKING_DAYS],
  workStart: DEFAULT_WORK_START,
  workEnd: DEFAULT_WORK_END,
  sameDayCutoff: DEFAULT_SAME_DAY_CUTOFF,
};

// ---------------------------------------------------------------------------------------------
// The fleet

interface SimSlot {
  code: string;
  sku: string;
  capacity: number;
  parLevel: number;
  priceMinor: number;
  marginMinor: number;
  /** Share of the machine's demand (its popularity weight over the machine's total). */
  share: number;
}

interface SimMachine {
  index: number;
  kind: PlaceKind;
  dailyVends: number;
  slots: SimSlot[];
  /** Whether the place takes visits on Saturday and Sunday. */
  weekendVisits: boolean;
  visitHour: number;
  /** The simulator's route interval (sim/model.ts), for the warm-up's restocks. */
  routeDays: number;
}

function buildFleet(n: number): SimMachine[] {
  const cost = new Map(demoProducts.map((p) => [p.sku, p.costMinor]));
  const out: SimMachine[] = [];
  for (let k = 0; out.length < n; k++) {
    for (const m of planDemoFleet(k === 0 ? undefined : `demo-vending-fleet-${k}`)) {
      if (out.length >= n) break;
      const totalWeight = m.slots.reduce((a, s) => a + s.weight, 0) || 1;
      const capacity = m.slots.reduce((a, s) => a + s.capacity, 0);
      const index = out.length;
      out.push({
        index,
        kind: m.spec.kind,
        dailyVends: m.spec.dailyVends,
        slots: m.slots.map((s) => ({
          code: s.code,
          sku: s.sku,
          capacity: s.capacity,
          parLevel: s.parLevel,
          priceMinor: s.priceMinor,
          marginMinor: Math.max(0, s.priceMinor - (cost.get(s.sku) ?? 0)),
          share: s.weight / totalWeight,
        })),
        weekendVisits: profiles[m.spec.kind].weekendVisits,
        visitHour: 7 + ((index * 5) % 8),
        routeDays: Math.min(6, Math.max(1, Math.round((capacity / Math.max(1, m.spec.dailyVends)) * 0.4))),
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Demand: the same customers for every strategy

const dates = Array.from({ length: WARMUP_DAYS + options.days }, (_, i) => addDays(MONTH_START, i - WARMUP_DAYS));
const weekdays = dates.map(weekdayOf);
const hourShapes = new Map<PlaceKind, number[]>();
const hourShapeOf = (kind: PlaceKind) => {
  let shape = hourShapes.get(kind);
  if (!shape) hourShapes.set(kind, (shape = Array.from({ length: 24 }, (_, h) => hourShare(kind, h))));
  return shape;
};

/** Customers per slot and local hour on day `d` (0 = first warm-up day): index hour * slots + slot. */
function demandOf(m: SimMachine, d: number): Uint16Array {
  const rng = new Random(`${options.seed}:demand:${m.index}:${d}`);
  const n = m.slots.length;
  const out = new Uint16Array(24 * n);
  const dayFactor = Math.exp(rng.normal(0, 0.18));
  const level = m.dailyVends * profiles[m.kind].week[weekdays[d]!]! * dayFactor;
  const shape = hourShapeOf(m.kind);
  for (let h = 0; h < 24; h++) {
    if (shape[h]! === 0) continue;
    for (let s = 0; s < n; s++) out[h * n + s] = rng.poisson(level * shape[h]! * m.slots[s]!.share);
  }
  return out;
}

/** 0, 1 or 2: the slot's expected units on an ordinary weekday under 1, 1 to 2, 2 and more. */
const speedOf = (m: SimMachine, slot: SimSlot) => {
  const rate = m.dailyVends * slot.share;
  return rate < 1 ? 0 : rate < 2 ? 1 : 2;
};

/** Visits happen on the org's working days, and on a weekend only at places open then. */
const mayVisit = (m: SimMachine, d: number) => SETTINGS.workingDays.includes(weekdays[d]!) && (m.weekendVisits || weekdays[d]! < 5);

// ---------------------------------------------------------------------------------------------
// One fleet's stock, history and tallies

interface Tally {
  visits: number;
  delivered: number;
  sold: number;
  stockoutSlotHours: number;
  /** Of which in hours the place has customers (its hour and weekday shapes above zero). */
  openStockoutSlotHours: number;
  /** By the slot's expected units on an ordinary weekday: under 1, 1 to 2, 2 and more. */
  stockoutSlotHoursBySpeed: [number, number, number];
  lostUnits: number;
  lostMarginMinor: number;
  soldMarginMinor: number;
}
const emptyTally = (): Tally => ({ visits: 0, delivered: 0, sold: 0, stockoutSlotHours: 0, openStockoutSlotHours: 0, stockoutSlotHoursBySpeed: [0, 0, 0], lostUnits: 0, lostMarginMinor: 0, soldMarginMinor: 0 });

interface FleetState {
  stock: number[][];
  /** Per machine, per slot: one observation per simulated day so far (warm-up included). */
  history: DayObservation[][][];
  /** The fleet's sales per day and local hour, for the hour shape availability is weighted by. */
  hourSales: Float64Array[];
  lastVisitDay: number[];
  tally: Tally;
}

const cloneState = (s: FleetState): FleetState => ({
  stock: s.stock.map((x) => [...x]),
  history: s.history.map((m) => m.map((x) => [...x])),
  hourSales: [...s.hourSales],
  lastVisitDay: [...s.lastVisitDay],
  tally: emptyTally(),
});

/** The fleet's hour shape over the 14 days before `d`, each hour counted once more (as history.ts does). */
function fleetHourShares(state: FleetState, d: number): number[] {
  const counts = new Array<number>(24).fill(1);
  for (let i = Math.max(0, d - 14); i < d; i++) {
    const day = state.hourSales[i];
    if (day) for (let h = 0; h < 24; h++) counts[h]! += day[h]!;
  }
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map((c) => c / total);
}

/** A visit: at the machine's visit hour, fill every slot to capacity, or bring `quantities` (put in up to the free space). */
type Visit = { fill: "capacity" } | { fill: "quantities"; quantities: Map<string, number> };

/** Runs one machine through day `d`, with a visit or not; adds to the tallies when `count`. */
function runDay(state: FleetState, m: SimMachine, d: number, demand: Uint16Array, visit: Visit | null, shares: number[], daySales: Float64Array, count: boolean) {
  const stock = state.stock[m.index]!;
  const n = m.slots.length;
  const units = new Array<number>(n).fill(0);
  const lostShare = new Array<number>(n).fill(0);
  const t = state.tally;
  const shape = hourShapeOf(m.kind);
  const openDay = profiles[m.kind].week[weekdays[d]!]! > 0;
  for (let h = 0; h < 24; h++) {
    const open = openDay && shape[h]! > 0;
    if (visit && h === m.visitHour) {
      state.lastVisitDay[m.index] = d;
      if (count) t.visits++;
      for (let s = 0; s < n; s++) {
        const slot = m.slots[s]!;
        const room = slot.capacity - stock[s]!;
        const put = visit.fill === "capacity" ? room : Math.max(0, Math.min(room, visit.quantities.get(slot.code) ?? 0));
        stock[s]! += put;
        if (count) t.delivered += put;
      }
    }
    for (let s = 0; s < n; s++) {
      const wanted = demand[h * n + s]!;
      const st = stock[s]!;
      const slot = m.slots[s]!;
      let sold: number;
      let out: number;
      if (st === 0) {
        sold = 0;
        out = 1;
      } else if (wanted >= st) {
        // Runs out at the st-th of `wanted` customers spread over the hour: on average at st / (wanted + 1).
        sold = st;
        out = 1 - st / (wanted + 1);
      } else {
        sold = wanted;
        out = 0;
      }
      stock[s] = st - sold;
      units[s]! += sold;
      daySales[h]! += sold;
      lostShare[s]! += shares[h]! * out;
      if (count) {
        t.sold += sold;
        t.soldMarginMinor += sold * slot.marginMinor;
        t.lostUnits += wanted - sold;
        t.lostMarginMinor += (wanted - sold) * slot.marginMinor;
        t.stockoutSlotHours += out;
        if (open) t.openStockoutSlotHours += out;
        t.stockoutSlotHoursBySpeed[speedOf(m, slot)] += out;
      }
    }
  }
  const history = state.history[m.index]!;
  for (let s = 0; s < n; s++) {
    history[s]!.push({ date: dates[d]!, weekday: weekdays[d]!, units: units[s]!, availability: Math.max(0, 1 - lostShare[s]!) });
  }
}

// ---------------------------------------------------------------------------------------------
// Strategies

/** The simulator's own restocking (sim/model.ts startDay), for the warm-up. */
function simulatorVisit(state: FleetState, m: SimMachine, d: number): Visit | null {
  if (!m.weekendVisits && weekdays[d]! >= 5) return null;
  const stock = state.stock[m.index]!;
  const low = m.slots.filter((s, i) => stock[i]! <= s.parLevel).length / Math.max(1, m.slots.length);
  const sinceVisit = d - state.lastVisitDay[m.index]! - m.visitHour / 24;
  return sinceVisit >= m.routeDays - 0.5 || low >= 0.3 ? { fill: "capacity" } : null;
}

/** VendOps: re-fit the machine's slots on its history up to yesterday and plan; a visit if the plan says today. */
function plannedVisit(state: FleetState, m: SimMachine, d: number): Visit | null {
  const series = state.history[m.index]!.map((h) => h.slice(-HISTORY_DAYS));
  const factors = weekdayFactorsOf(machineDays(series));
  const stock = state.stock[m.index]!;
  const shareLeft = (24 - PLAN_HOUR) / 24;
  const slots: PlanSlot[] = m.slots.map((slot, i) => {
    const f = fitForecast(series[i]!, { weekdayFactors: factors });
    return {
      code: slot.code,
      productId: slot.sku,
      capacity: slot.capacity,
      parLevel: slot.parLevel,
      stock: stock[i]!,
      marginMinor: slot.marginMinor,
      dailyMeans: horizonMeans(f, dates[d]!, shareLeft),
      dispersion: f.dispersion,
    };
  });
  // The org's open days as the product computes them at PLAN_HOUR, and the place's own rule.
  const open = openDays({ today: dates[d]!, nowMinute: PLAN_HOUR * 60, horizon: HORIZON_DAYS, rules: SETTINGS });
  const allowedDays = open.map((o, i) => o && (m.weekendVisits || weekdayOf(addDays(dates[d]!, i)) < 5));
  const input: PlanMachineInput = { slots, visitCostMinor: SETTINGS.visitCostMinor, emptySlotHourMinor: SETTINGS.emptySlotHourMinor, fillTo: SETTINGS.fillTo, allowedDays };
  // As planFleet does: the optimiser's plan fitted to the calendar (no route, so no capacity).
  const [fitted] = fitRoute([{ machineId: String(m.index), input, plan: planMachine(input) }], allowedDays, { maxStops: null, maxUnits: null });
  const today = fitted!.plan.visits[0];
  if (!today || today.day !== 0) return null;
  return { fill: "quantities", quantities: new Map(today.fills.map((f) => [f.code, f.quantity])) };
}

/** Evenly spaced visit days for each machine, `total` in all. */
function fixedSchedule(fleet: SimMachine[], total: number, days: number): { days: Set<number>[]; placed: number } {
  const n = fleet.length;
  const base = Math.floor(total / n);
  const extra = total - base * n;
  let placed = 0;
  const schedule = fleet.map((m, i) => {
    // The remainder goes to machines spread evenly over the fleet's order.
    const k = base + (Math.floor(((i + 1) * extra) / n) > Math.floor((i * extra) / n) ? 1 : 0);
    const chosen = new Set<number>();
    if (k === 0) return chosen;
    const interval = days / k;
    const phase = ((i * 0.6180339887) % 1) * interval;
    for (let j = 0; j < k; j++) {
      const ideal = Math.min(days - 1, Math.floor(phase + j * interval));
      // The nearest free day the place takes visits, later first.
      for (let step = 0; step < days; step++) {
        const later = ideal + step;
        const earlier = ideal - step;
        const free = (x: number) => x >= 0 && x < days && !chosen.has(x) && mayVisit(m, WARMUP_DAYS + x);
        const day = free(later) ? later : free(earlier) ? earlier : null;
        if (day !== null) {
          chosen.add(day);
          placed++;
          break;
        }
      }
    }
    return chosen;
  });
  return { days: schedule, placed };
}

/** One visit a week per machine on a fixed working weekday. */
function weeklySchedule(fleet: SimMachine[], days: number): Set<number>[] {
  return fleet.map((m, i) => {
    const allowed = [0, 1, 2, 3, 4, 5, 6].filter((w) => SETTINGS.workingDays.includes(w) && (m.weekendVisits || w < 5));
    const weekday = allowed[i % allowed.length];
    const chosen = new Set<number>();
    for (let x = 0; x < days; x++) if (weekdays[WARMUP_DAYS + x] === weekday) chosen.add(x);
    return chosen;
  });
}

/** Runs days [from, to) of the fleet with the visits `decide` makes each morning. */
function run(fleet: SimMachine[], state: FleetState, from: number, to: number, decide: (m: SimMachine, d: number) => Visit | null, count: boolean) {
  for (let d = from; d < to; d++) {
    const shares = fleetHourShares(state, d);
    const daySales = new Float64Array(24);
    for (const m of fleet) runDay(state, m, d, demandOf(m, d), decide(m, d), shares, daySales, count);
    state.hourSales[d] = daySales;
  }
}

// ---------------------------------------------------------------------------------------------
// The run

const cpuStart = process.cpuUsage();
const wallStart = performance.now();
const loadStart = os.loadavg();

const fleet = buildFleet(options.machines);
const slotCount = fleet.reduce((a, m) => a + m.slots.length, 0);
const warmRng = new Random(`${options.seed}:warmup`);
const start: FleetState = {
  stock: fleet.map((m) => m.slots.map((s) => s.capacity)),
  history: fleet.map((m) => m.slots.map(() => [])),
  hourSales: [],
  lastVisitDay: fleet.map((m) => -warmRng.between(0, m.routeDays)),
  tally: emptyTally(),
};
run(fleet, start, 0, WARMUP_DAYS, (m, d) => simulatorVisit(start, m, d), false);
const warmupMs = performance.now() - wallStart;

const end = WARMUP_DAYS + options.days;
let started = performance.now();
const planned = cloneState(start);
run(fleet, planned, WARMUP_DAYS, end, (m, d) => plannedVisit(planned, m, d), true);
const plannedMs = performance.now() - started;

started = performance.now();
const fixed = cloneState(start);
const schedule = fixedSchedule(fleet, planned.tally.visits, options.days);
run(fleet, fixed, WARMUP_DAYS, end, (m, d) => (schedule.days[m.index]!.has(d - WARMUP_DAYS) ? { fill: "capacity" } : null), true);
const weekly = cloneState(start);
const weeklyDays = weeklySchedule(fleet, options.days);
run(fleet, weekly, WARMUP_DAYS, end, (m, d) => (weeklyDays[m.index]!.has(d - WARMUP_DAYS) ? { fill: "capacity" } : null), true);
const fixedMs = performance.now() - started;

const cpu = process.cpuUsage(cpuStart);
const cpuMs = (cpu.user + cpu.system) / 1000;
const wallMs = performance.now() - wallStart;
const loadEnd = os.loadavg();

// ---------------------------------------------------------------------------------------------
// Figures

const ratio = fixed.tally.stockoutSlotHours > 0 ? planned.tally.stockoutSlotHours / fixed.tally.stockoutSlotHours : 0;
const weeklyRatio = weekly.tally.stockoutSlotHours > 0 ? planned.tally.stockoutSlotHours / weekly.tally.stockoutSlotHours : 0;
const openRatio = fixed.tally.openStockoutSlotHours > 0 ? planned.tally.openStockoutSlotHours / fixed.tally.openStockoutSlotHours : 0;
const goalMet = ratio <= GOAL_RATIO;
const perMachineWeek = (visits: number) => (visits / fleet.length) * (7 / options.days);
const interval = planned.tally.visits > 0 ? (fleet.length * options.days) / planned.tally.visits : Infinity;
const euro = (minor: number) => `€${(minor / 100).toLocaleString("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const int = (x: number) => Math.round(x).toLocaleString("en");

const rows = [
  { name: "A VendOps plan", t: planned.tally },
  { name: "B fixed, equal visits", t: fixed.tally },
  { name: "B' fixed weekly (ref.)", t: weekly.tally },
];
const header = ["strategy", "visits", "/machine/week", "units delivered", "units sold", "stockout slot-hours", "in open hours", "lost units", "lost margin", "lost margin + visits"];
const table = rows.map(({ name, t }) => [
  name,
  int(t.visits),
  perMachineWeek(t.visits).toFixed(2),
  int(t.delivered),
  int(t.sold),
  int(t.stockoutSlotHours),
  int(t.openStockoutSlotHours),
  int(t.lostUnits),
  euro(t.lostMarginMinor),
  euro(t.lostMarginMinor + t.visits * SETTINGS.visitCostMinor),
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");

console.log(
  `plans: ${fleet.length} machines, ${slotCount} slots, ${options.days} days after a ${WARMUP_DAYS}-day warm-up (seed ${options.seed}); ` +
    `visit cost ${euro(SETTINGS.visitCostMinor)}, an empty slot-hour ${euro(SETTINGS.emptySlotHourMinor)}, fill to ${SETTINGS.fillTo}`,
);
console.log(line(header));
for (const r of table) console.log(line(r));
console.log(
  `B gets A's ${int(planned.tally.visits)} visits (${schedule.placed === planned.tally.visits ? "all placed" : `${int(schedule.placed)} placed`}): ` +
    `one every ${interval.toFixed(2)} days per machine${Math.abs(interval - 7) > 0.05 ? ` (A visits ${interval < 7 ? "more" : "less"} often than weekly, so B's interval is scaled from 7 days to that)` : ""}`,
);
console.log(
  `stockout slot-hours A/B ${ratio.toFixed(2)}x (goal <= ${GOAL_RATIO}x: ${goalMet ? "met" : `missed by ${(ratio - GOAL_RATIO).toFixed(2)}`})   ` +
    `A/B' weekly ${weeklyRatio.toFixed(2)}x   in open hours A/B ${openRatio.toFixed(2)}x   lost margin A/B ${(planned.tally.lostMarginMinor / Math.max(1, fixed.tally.lostMarginMinor)).toFixed(2)}x`,
);
const slotsBySpeed = [0, 0, 0];
for (const m of fleet) for (const slot of m.slots) slotsBySpeed[speedOf(m, slot)]!++;
const speedNames = ["under 1", "1 to 2", "2 or more"];
console.log(
  `stockout slot-hours A / B by slot speed (units an ordinary weekday): ` +
    speedNames.map((name, i) => `${name} (${int(slotsBySpeed[i]!)} slots) ${int(planned.tally.stockoutSlotHoursBySpeed[i]!)} / ${int(fixed.tally.stockoutSlotHoursBySpeed[i]!)}`).join(", "),
);
console.log(
  `CPU ${(cpuMs / 1000).toFixed(1)} s, wall ${(wallMs / 1000).toFixed(1)} s (warm-up ${(warmupMs / 1000).toFixed(1)} s, A ${(plannedMs / 1000).toFixed(1)} s, B and B' ${(fixedMs / 1000).toFixed(1)} s); ` +
    `load average ${loadStart[0]!.toFixed(2)} -> ${loadEnd[0]!.toFixed(2)} on ${os.cpus().length} cores`,
);

const resultsDir = path.join(import.meta.dirname, "results");
mkdirSync(resultsDir, { recursive: true });
const file = path.join(resultsDir, `plans-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
writeFileSync(
  file,
  JSON.stringify(
    {
      benchmark: "plans",
      at: new Date().toISOString(),
      options: { ...options, warmupDays: WARMUP_DAYS, monthStart: MONTH_START, planHour: PLAN_HOUR, settings: SETTINGS },
      fleet: { machines: fleet.length, slots: slotCount, slotsBySpeed },
      strategies: { vendops: planned.tally, fixedEqualVisits: fixed.tally, fixedWeekly: weekly.tally },
      fixedIntervalDays: interval,
      fixedVisitsPlaced: schedule.placed,
      ratio: { stockoutSlotHours: ratio, stockoutSlotHoursVsWeekly: weeklyRatio, openStockoutSlotHours: openRatio, lostMargin: planned.tally.lostMarginMinor / Math.max(1, fixed.tally.lostMarginMinor) },
      goal: { stockoutSlotHoursRatio: GOAL_RATIO, met: goalMet },
      cpuMs,
      wallMs,
      phasesMs: { warmup: warmupMs, vendops: plannedMs, fixed: fixedMs },
      loadavg: { start: loadStart, end: loadEnd },
      cores: os.cpus().length,
    },
    null,
    2,
  ),
);
console.log(`results: ${path.relative(process.cwd(), file)}`);
