// Which days to visit a machine and how much to bring: the visit days minimise visit costs plus
// expected lost margin plus the cost of empty slot-hours over the horizon; fills top slots up to
// capacity or par, never above capacity.
import "server-only";
import { DEFAULT_EMPTY_SLOT_HOUR_MINOR, type FillTo } from "./contract";
import { demandOver, expectedShortfall, probabilityOfSellingOut } from "./distribution";

export interface PlanSlot {
  code: string;
  productId: string | null;
  capacity: number;
  parLevel: number;
  stock: number;
  /** Margin lost per unit of unmet demand, minor units. */
  marginMinor: number;
  /** Expected units per horizon day; day 0 is the rest of today. */
  dailyMeans: readonly number[];
  dispersion: number;
}

export interface PlanMachineInput {
  slots: readonly PlanSlot[];
  visitCostMinor: number;
  fillTo: FillTo;
  /** Days a visit may happen (default: every day of the horizon). */
  allowedDays?: readonly boolean[];
  /**
   * What an hour of a slot standing empty costs beyond the margin of the sales it loses (minor
   * units; default `DEFAULT_EMPTY_SLOT_HOUR_MINOR`): customers who find their product missing come
   * back less. It weighs where visits go; the lost margin the plan reports leaves it out.
   */
  emptySlotHourMinor?: number;
}

export interface DayOutlook {
  day: number;
  /** Expected lost margin by the end of this day if the machine is not visited before. */
  lostIfNotVisitedMinor: number;
  visit: boolean;
}

export interface SlotFill {
  code: string;
  productId: string | null;
  /** Expected units in the slot when the technician arrives. */
  expectedStock: number;
  /** Units to bring and put in. */
  quantity: number;
  /** Units in the slot after the fill. */
  target: number;
}

export interface MachinePlan {
  /** Days (0 = today) on which to visit, ascending. */
  visitDays: number[];
  days: DayOutlook[];
  /** Fill quantities for the first planned visit, or empty when no visit is planned. */
  fills: SlotFill[];
  /** Every planned visit with its fill quantities (later ones assume the earlier fills happened). */
  visits: { day: number; fills: SlotFill[] }[];
  /** Expected lost margin over the horizon if this plan is followed, minor units. */
  expectedLostMinor: number;
  /** Visit costs of the plan plus its expected lost margin. */
  totalCostMinor: number;
  /** Slot-hours the slots are expected to stand empty over the horizon if this plan is followed. */
  expectedEmptySlotHours: number;
}

/** The level a slot is filled to: its capacity, or its par level (never above capacity). */
export function fillTarget(slot: Pick<PlanSlot, "capacity" | "parLevel">, fillTo: FillTo): number {
  const capacity = Math.max(0, Math.floor(slot.capacity));
  return fillTo === "capacity" ? capacity : Math.min(capacity, Math.max(0, Math.floor(slot.parLevel)));
}

const sellable = (s: PlanSlot) => s.productId !== null && s.capacity > 0;

/** Expected lost margin of one slot over days [from, to) starting with `stock`. */
function slotLoss(s: PlanSlot, stock: number, from: number, to: number): number {
  if (to <= from || s.marginMinor <= 0) return 0;
  return s.marginMinor * expectedShortfall(stock, demandOver(s.dailyMeans.slice(from, to), s.dispersion));
}

/** Expected lost margin of one slot over days [from, to) from its current stock, as the plan counts it (0 for a slot that sells nothing). */
export function slotLostMarginMinor(s: PlanSlot, from: number, to: number): number {
  return sellable(s) ? slotLoss(s, s.stock, from, to) : 0;
}

/** The quantity to bring for a slot visited on `day`, having started day `from` with `stock`. */
export function slotFill(s: PlanSlot, fillTo: FillTo, stock: number, from: number, day: number): SlotFill {
  const target = fillTarget(s, fillTo);
  const d = demandOver(s.dailyMeans.slice(from, day), s.dispersion);
  // E[stock left] = stock - E[min(D, stock)] = stock - (E[D] - E[(D - stock)+]).
  const start = Math.max(0, Math.min(stock, s.capacity));
  const expectedStock = Math.max(0, start - (d.mean - expectedShortfall(start, d)));
  const quantity = Math.max(0, Math.min(target, s.capacity) - Math.floor(expectedStock));
  return { code: s.code, productId: s.productId, expectedStock, quantity: Math.min(quantity, s.capacity), target };
}

/**
 * Plans one machine over the horizon (the length of its slots' `dailyMeans`): the visit days that
 * minimise visit costs plus expected lost margin plus the cost of empty slot-hours, found exactly
 * by dynamic programming over "next visit on day b". A visit is planned only when what it prevents
 * outweighs its cost.
 */
export function planMachine(input: PlanMachineInput): MachinePlan {
  const { horizon, cost, lossFrom } = prepare(input);
  const allowed = (d: number) => input.allowedDays?.[d] ?? true;

  // best[a]: least cost of days [a, horizon) given a visit on day a; next[a]: the following visit.
  const best = new Array<number>(horizon + 1).fill(0);
  const next = new Array<number>(horizon + 1).fill(horizon);
  for (let a = horizon - 1; a >= 0; a--) {
    best[a] = Infinity;
    for (let b = a + 1; b <= horizon; b++) {
      if (b < horizon && !allowed(b)) continue;
      const c = lossFrom(a, b) + (b < horizon ? cost + best[b]! : 0);
      if (c < best[a]!) {
        best[a] = c;
        next[a] = b;
      }
    }
  }
  let first = horizon;
  let total = Infinity;
  for (let b = 0; b <= horizon; b++) {
    if (b < horizon && !allowed(b)) continue;
    const c = lossFrom(-1, b) + (b < horizon ? cost + best[b]! : 0);
    // Ties go to the later visit (or none): a visit that changes nothing is not worth making.
    if (c < total - 1e-9 || (Math.abs(c - total) <= 1e-9 && b > first)) {
      total = c;
      first = b;
    }
  }
  const visitDays: number[] = [];
  for (let d = first; d < horizon; d = next[d]!) visitDays.push(d);
  return planForVisitDays(input, visitDays);
}

/**
 * Expected days a slot stands empty over [from, to), starting day `from` with `stock`: the chance
 * it has sold out by each day's end, averaged with the day before's (it runs out during the day).
 * Returned as running totals: `out[k]` covers days [from, from + k).
 */
function emptyDaysFrom(s: PlanSlot, stock: number, from: number, horizon: number): number[] {
  const out = [0];
  let before = stock <= 0 ? 1 : 0;
  for (let d = from; d < horizon; d++) {
    const by = stock <= 0 ? 1 : probabilityOfSellingOut(stock, demandOver(s.dailyMeans.slice(from, d + 1), s.dispersion));
    out.push(out.at(-1)! + (before + by) / 2);
    before = by;
  }
  return out;
}

function prepare(input: PlanMachineInput) {
  const slots = input.slots.filter(sellable);
  const horizon = slots.reduce((h, s) => Math.max(h, s.dailyMeans.length), 0);
  const cost = Math.max(0, input.visitCostMinor);
  const targets = slots.map((s) => fillTarget(s, input.fillTo));
  const emptyDayMinor = 24 * Math.max(0, input.emptySlotHourMinor ?? DEFAULT_EMPTY_SLOT_HOUR_MINOR);
  // Lost margin of days [a, b) after a visit on day a (slots at their fill target), or from now (a = -1).
  const marginFrom = (a: number, b: number) =>
    slots.reduce((sum, s, i) => sum + (a < 0 ? slotLoss(s, s.stock, 0, b) : slotLoss(s, targets[i]!, a, b)), 0);
  // The same with the cost of empty slot-hours: what the visit days are chosen by.
  const empty = new Map<number, number[][]>();
  const emptyFrom = (a: number) => {
    let runs = empty.get(a);
    if (!runs) empty.set(a, (runs = slots.map((s, i) => emptyDaysFrom(s, a < 0 ? s.stock : targets[i]!, Math.max(a, 0), horizon))));
    return runs;
  };
  // Expected empty slot-hours of days [a, b), counted the same way.
  const emptyHoursFrom = (a: number, b: number) => (b <= Math.max(a, 0) ? 0 : 24 * emptyFrom(a).reduce((sum, run) => sum + run[b - Math.max(a, 0)]!, 0));
  const lossFrom = (a: number, b: number) => marginFrom(a, b) + (emptyDayMinor === 0 ? 0 : (emptyDayMinor / 24) * emptyHoursFrom(a, b));
  return { slots, horizon, cost, targets, lossFrom, marginFrom, emptyHoursFrom };
}

/**
 * The plan that visits on exactly the given days (days outside the horizon are left out): its
 * outlook, fills and costs, as `planMachine` reports them. Used when a route's calendar or capacity
 * moves a visit the optimiser chose.
 */
export function planForVisitDays(input: PlanMachineInput, days: readonly number[]): MachinePlan {
  const { slots, horizon, cost, targets, marginFrom: lossFrom, emptyHoursFrom } = prepare(input);
  const visitDays = [...new Set(days)].filter((d) => Number.isInteger(d) && d >= 0 && d < horizon).sort((a, b) => a - b);
  let total = visitDays.length * cost + lossFrom(-1, visitDays[0] ?? horizon);
  visitDays.forEach((d, k) => (total += lossFrom(d, visitDays[k + 1] ?? horizon)));
  let emptyHours = emptyHoursFrom(-1, visitDays[0] ?? horizon);
  visitDays.forEach((d, k) => (emptyHours += emptyHoursFrom(d, visitDays[k + 1] ?? horizon)));

  const outlook: DayOutlook[] = [];
  for (let d = 0; d < horizon; d++) {
    outlook.push({ day: d, lostIfNotVisitedMinor: Math.round(lossFrom(-1, d + 1)), visit: visitDays.includes(d) });
  }
  const visits = visitDays.map((day, k) => ({
    day,
    fills: slots.map((s, i) => (k === 0 ? slotFill(s, input.fillTo, s.stock, 0, day) : slotFill(s, input.fillTo, targets[i]!, visitDays[k - 1]!, day))),
  }));
  const fills = visits[0]?.fills ?? [];
  const visitCosts = visitDays.length * cost;
  return {
    visitDays,
    days: outlook,
    fills,
    visits,
    expectedLostMinor: Math.round(Number.isFinite(total) ? total - visitCosts : 0),
    totalCostMinor: Math.round(Number.isFinite(total) ? total : 0),
    expectedEmptySlotHours: emptyHours,
  };
}

export interface PickLine {
  productId: string;
  quantity: number;
  /** Machine and slot each unit goes to. */
  slots: { machineId: string; code: string; quantity: number }[];
}

/** The pick list of a route's day: fill quantities totalled by product. */
export function pickList(visits: readonly { machineId: string; fills: readonly SlotFill[] }[]): PickLine[] {
  const byProduct = new Map<string, PickLine>();
  for (const v of visits) {
    for (const f of v.fills) {
      if (!f.productId || f.quantity <= 0) continue;
      let line = byProduct.get(f.productId);
      if (!line) byProduct.set(f.productId, (line = { productId: f.productId, quantity: 0, slots: [] }));
      line.quantity += f.quantity;
      line.slots.push({ machineId: v.machineId, code: f.code, quantity: f.quantity });
    }
  }
  return [...byProduct.values()].sort((a, b) => b.quantity - a.quantity || a.productId.localeCompare(b.productId));
}
