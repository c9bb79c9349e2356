import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, localMinute } from "~/server/time";
import { fitRoute, openDays, planNotes, type RouteCapacity, type WorkRules } from "./plan-calendar";
import { planMachine, type PlanMachineInput, type PlanSlot } from "./plan-math";

const HORIZON = 7;
const ZONES = ["UTC", "Europe/Berlin", "America/New_York", "America/St_Johns", "Asia/Kolkata", "Asia/Shanghai", "Pacific/Auckland", "Pacific/Kiritimati", "Pacific/Pago_Pago"];
const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

/** The zone's wall clock at an instant, read straight from Intl (not through server/time). */
function wallClock(instant: Date, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return { day: `${parts.year}-${parts.month}-${parts.day}`, minute: (Number(parts.hour) % 24) * 60 + Number(parts.minute) };
}
/** 0 = Monday, from the calendar date alone. */
const isoWeekday = (day: string) => (new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7;

const rules = (over: Partial<WorkRules> = {}): WorkRules => ({ workingDays: [0, 1, 2, 3, 4], workStart: "07:00", workEnd: "17:00", sameDayCutoff: "14:00", ...over });

function slot(over: Partial<PlanSlot> = {}): PlanSlot {
  return { code: "A1", productId: "prd_cola", capacity: 10, parLevel: 5, stock: 0, marginMinor: 150, dailyMeans: [3, 3, 3, 3, 3, 3, 3], dispersion: Infinity, ...over };
}
const machine = (machineId: string, slots: PlanSlot[], open: boolean[], visitCostMinor = 100) => {
  const input: PlanMachineInput = { slots, visitCostMinor, fillTo: "capacity", allowedDays: open };
  return { machineId, input, plan: planMachine(input) };
};

const slotArb = fc.record({
  capacity: fc.integer({ min: 1, max: 40 }),
  stock: fc.integer({ min: 0, max: 40 }),
  marginMinor: fc.integer({ min: 0, max: 400 }),
  dailyMeans: fc.array(fc.double({ min: 0, max: 15, noNaN: true }), { minLength: HORIZON, maxLength: HORIZON }),
});

describe("plan calendar and route capacity", () => {
  it("never place a visit on a day off, today after the cut-off or end of day, or over a route's capacity", () => {
    fc.assert(
      fc.property(
        fc.record({
          orgDays: fc.subarray([0, 1, 2, 3, 4, 5, 6], { minLength: 1 }),
          routeDays: fc.option(fc.subarray([0, 1, 2, 3, 4, 5, 6], { minLength: 1 })),
          start: fc.integer({ min: 0, max: 1380 }),
          length: fc.integer({ min: 1, max: 1000 }),
          cutoff: fc.integer({ min: 0, max: 1439 }),
          // Any instant from 2025 to 2027: weekends, nights, after the cut-off, clock changes.
          at: fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 11, 31) }),
          zone: fc.constantFrom(...ZONES),
          maxStops: fc.option(fc.integer({ min: 1, max: 4 })),
          maxUnits: fc.option(fc.integer({ min: 1, max: 80 })),
          visitCost: fc.integer({ min: 0, max: 3000 }),
          machines: fc.array(fc.array(slotArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 7 }),
        }),
        (c) => {
          const work = rules({ workingDays: c.orgDays, workStart: hhmm(c.start), workEnd: hhmm(Math.min(1439, c.start + c.length)), sameDayCutoff: hhmm(c.cutoff) });
          const days = c.routeDays ?? c.orgDays;
          const now = new Date(c.at);
          const { day: today, minute } = localMinute(now, c.zone);
          const open = openDays({ today, nowMinute: minute, horizon: HORIZON, rules: { ...work, workingDays: days } });
          const capacity: RouteCapacity = { maxStops: c.maxStops, maxUnits: c.maxUnits };
          const route = c.machines.map((slots, i) => machine(`m${i}`, slots.map((s, k) => slot({ ...s, code: `S${k}` })), open, c.visitCost));
          const fitted = fitRoute(route, open, capacity);

          const clock = wallClock(now, c.zone);
          expect(today).toBe(clock.day);
          const stops = new Array<number>(HORIZON).fill(0);
          const units = new Array<number>(HORIZON).fill(0);
          for (const m of fitted) {
            expect(m.plan.visits.map((v) => v.day)).toEqual(m.plan.visitDays);
            for (const v of m.plan.visits) {
              expect(days).toContain(isoWeekday(addDays(clock.day, v.day)));
              if (v.day === 0) {
                expect(clock.minute).toBeLessThan(c.cutoff);
                expect(clock.minute).toBeLessThan(Math.min(1439, c.start + c.length));
              }
              stops[v.day]!++;
              for (const f of v.fills) {
                expect(f.quantity).toBeGreaterThanOrEqual(0);
                units[v.day]! += f.quantity;
              }
            }
            for (const move of m.moves) if (move.to !== null) expect(move.to).toBeGreaterThan(move.from);
          }
          for (let d = 0; d < HORIZON; d++) {
            if (c.maxStops !== null) expect(stops[d]).toBeLessThanOrEqual(c.maxStops);
            if (c.maxUnits !== null) expect(units[d]).toBeLessThanOrEqual(c.maxUnits);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("close today at the same-day cut-off: a visit due today moves to the next working day", () => {
    // Monday 7 December 2026 in Berlin (UTC+1).
    const before = localMinute(new Date("2026-12-07T12:59:00Z"), "Europe/Berlin");
    const after = localMinute(new Date("2026-12-07T13:00:00Z"), "Europe/Berlin");
    expect(before).toEqual({ day: "2026-12-07", minute: 13 * 60 + 59 });
    const openBefore = openDays({ today: before.day, nowMinute: before.minute, horizon: HORIZON, rules: rules() });
    const openAfter = openDays({ today: after.day, nowMinute: after.minute, horizon: HORIZON, rules: rules() });
    expect(openBefore).toEqual([true, true, true, true, true, false, false]);
    expect(openAfter).toEqual([false, true, true, true, true, false, false]);
    // An empty slot wants a visit at once: before the cut-off today, after it tomorrow.
    expect(machine("m", [slot()], openBefore).plan.visitDays[0]).toBe(0);
    expect(machine("m", [slot()], openAfter).plan.visitDays[0]).toBe(1);
    // A cut-off after the end of the day: the end of the day closes today.
    expect(openDays({ today: after.day, nowMinute: 17 * 60, horizon: 1, rules: rules({ sameDayCutoff: "18:00" }) })).toEqual([false]);
  });

  it("start a plan made on a Saturday or on a Friday night at Monday, in the org's zone", () => {
    // Saturday 12 December 2026, 10:00 in New York.
    const saturday = localMinute(new Date("2026-12-12T15:00:00Z"), "America/New_York");
    const open = openDays({ today: saturday.day, nowMinute: saturday.minute, horizon: HORIZON, rules: rules() });
    expect(open).toEqual([false, false, true, true, true, true, true]);
    expect(machine("m", [slot()], open).plan.visitDays[0]).toBe(2);
    // 20:00 on Friday 11 December in Auckland is still Friday morning in UTC.
    const night = localMinute(new Date("2026-12-11T07:00:00Z"), "Pacific/Auckland");
    expect(night).toEqual({ day: "2026-12-11", minute: 20 * 60 });
    expect(openDays({ today: night.day, nowMinute: night.minute, horizon: 4, rules: rules() })).toEqual([false, false, false, true]);
    // A route that works Saturdays goes the next morning.
    expect(openDays({ today: night.day, nowMinute: night.minute, horizon: 4, rules: rules({ workingDays: [5] }) })).toEqual([false, true, false, false]);
  });

  it("give a full route's day to the most urgent machines and move the others, saying why", () => {
    const open = [true, true, true, true, true, false, false];
    const dates = Array.from({ length: HORIZON }, (_, i) => addDays("2026-12-07", i));
    // Empty machines selling mostly today: each wants one visit, today.
    const today = (marginMinor: number) => [slot({ marginMinor, dailyMeans: [6, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5] })];
    const urgent = machine("urgent", today(800), open, 1000);
    const middle = machine("middle", today(600), open, 1000);
    const calm = machine("calm", today(500), open, 1000);
    for (const m of [urgent, middle, calm]) expect(m.plan.visitDays).toEqual([0]);

    const fitted = fitRoute([calm, urgent, middle], open, { maxStops: 2, maxUnits: null });
    const by = new Map(fitted.map((f) => [f.machineId, f]));
    expect(by.get("urgent")!.plan.visitDays[0]).toBe(0);
    expect(by.get("middle")!.plan.visitDays[0]).toBe(0);
    expect(by.get("calm")!.plan.visitDays[0]).toBe(1);
    expect(by.get("calm")!.moves).toEqual([{ from: 0, to: 1, reason: "route_full" }]);
    expect(planNotes(by.get("calm")!, dates)).toEqual(["Mon's visit moved to Tue: route full"]);
    expect(by.get("urgent")!.moves).toEqual([]);
    // Moved a day later, the calm machine needs more units than it would have on Monday.
    expect(by.get("calm")!.plan.visits[0]!.fills[0]!.quantity).toBeGreaterThanOrEqual(calm.plan.visits[0]!.fills[0]!.quantity);

    // Units: 10 a day fit one empty machine; one that alone needs more goes with its fill cut.
    const units = fitRoute([urgent, calm], open, { maxStops: null, maxUnits: 10 });
    expect(units.find((f) => f.machineId === "urgent")!.plan.visitDays[0]).toBe(0);
    expect(units.find((f) => f.machineId === "calm")!.moves[0]).toMatchObject({ from: 0, to: 1, reason: "route_full" });
    const big = machine("big", [slot(), slot({ code: "A2" })], open);
    const cut = fitRoute([big], open, { maxStops: null, maxUnits: 12 })[0]!;
    expect(cut.plan.visits[0]!.fills.reduce((a, f) => a + f.quantity, 0)).toBe(12);
    expect(planNotes(cut, dates)).toContain("Mon's fill cut to 12 units: route full");

    // No open day left in the horizon: the visit is dropped, and the plan says so.
    const onlyFriday = [false, false, false, false, true, false, false];
    const fridaySales = (marginMinor: number) => [slot({ marginMinor, dailyMeans: [0, 0, 0, 0, 6, 0.5, 0.5] })];
    const friday = fitRoute([machine("a", fridaySales(800), onlyFriday, 1000), machine("b", fridaySales(500), onlyFriday, 1000)], onlyFriday, { maxStops: 1, maxUnits: null });
    const dropped = friday.find((f) => f.moves.length > 0)!;
    expect(dropped.plan.visitDays).toEqual([]);
    expect(planNotes(dropped, dates)).toEqual(["Fri's visit dropped: route full, no room left this week"]);

    // In the reader's language: the same notes in Chinese, weekdays included.
    expect(planNotes(by.get("calm")!, dates, "zh-CN")).toEqual(["周一的补货改到周二：补货路线已满"]);
    expect(planNotes(cut, dates, "zh-CN")).toContain("周一的补货量减为 12 件：补货路线已满");
    expect(planNotes(dropped, dates, "zh-CN")).toEqual(["周五的补货取消：补货路线已满，本周没有空档"]);
    expect(planNotes(dropped, dates, "en")).toEqual(planNotes(dropped, dates));
  });
});
