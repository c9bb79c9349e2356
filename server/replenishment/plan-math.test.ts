import { describe, expect, it } from "vitest";
import { Random } from "~/sim/random";
import { DEFAULT_EMPTY_SLOT_HOUR_MINOR } from "./contract";
import { fillTarget, pickList, planForVisitDays, planMachine, type PlanSlot } from "./plan-math";

function slot(overrides: Partial<PlanSlot> = {}): PlanSlot {
  return {
    code: "A1",
    productId: "prd_cola",
    capacity: 10,
    parLevel: 5,
    stock: 2,
    marginMinor: 150,
    dailyMeans: [3, 3, 3, 3, 3, 3, 3],
    dispersion: Infinity,
    ...overrides,
  };
}

function randomSlot(rng: Random, i: number): PlanSlot {
  const capacity = rng.int(1, 60);
  return slot({
    code: `S${i}`,
    productId: rng.chance(0.9) ? `prd_${rng.int(1, 8)}` : null,
    capacity,
    parLevel: rng.int(0, capacity),
    // Counts can disagree with the planogram (capacity lowered after a count): stock may exceed it.
    stock: rng.int(0, capacity + 5),
    marginMinor: rng.int(0, 400),
    dailyMeans: Array.from({ length: rng.int(1, 10) }, () => rng.between(0, 15)),
    dispersion: rng.chance(0.5) ? Infinity : rng.between(0.5, 20),
  });
}

describe("fill quantities", () => {
  it("never take a slot above its capacity, whatever the inputs", () => {
    const rng = new Random("capacity-property");
    for (let run = 0; run < 400; run++) {
      const slots = Array.from({ length: rng.int(1, 12) }, (_, i) => randomSlot(rng, i));
      const plan = planMachine({ slots, visitCostMinor: rng.int(0, 5000), fillTo: rng.chance(0.5) ? "capacity" : "par" });
      for (const fill of plan.fills) {
        const s = slots.find((x) => x.code === fill.code)!;
        expect(fill.quantity).toBeGreaterThanOrEqual(0);
        expect(Number.isInteger(fill.quantity)).toBe(true);
        expect(fill.target).toBeLessThanOrEqual(s.capacity);
        expect(Math.floor(fill.expectedStock) + fill.quantity).toBeLessThanOrEqual(Math.max(s.capacity, Math.floor(fill.expectedStock)));
        expect(fill.quantity).toBeLessThanOrEqual(s.capacity);
      }
    }
  });

  it("fill to capacity or to par as the operator chooses", () => {
    expect(fillTarget({ capacity: 10, parLevel: 6 }, "capacity")).toBe(10);
    expect(fillTarget({ capacity: 10, parLevel: 6 }, "par")).toBe(6);
    expect(fillTarget({ capacity: 10, parLevel: 14 }, "par")).toBe(10);
    const empty = slot({ stock: 0, dailyMeans: [0, 5] });
    expect(planMachine({ slots: [empty], visitCostMinor: 0, fillTo: "par" }).fills[0]).toMatchObject({ quantity: 5, target: 5 });
    expect(planMachine({ slots: [empty], visitCostMinor: 0, fillTo: "capacity" }).fills[0]).toMatchObject({ quantity: 10, target: 10 });
  });
});

describe("the visit decision", () => {
  it("visits when the expected lost margin outweighs the visit cost, and not when it does not", () => {
    const slots = [slot({ stock: 0 })];
    const cheap = planMachine({ slots, visitCostMinor: 500, fillTo: "capacity" });
    expect(cheap.visitDays[0]).toBe(0);
    // A week of 3 a day at 1.50 is at most 31.50 lost: a 50.00 visit is not worth it.
    const dear = planMachine({ slots, visitCostMinor: 5000, fillTo: "capacity" });
    expect(dear.visitDays).toEqual([]);
    expect(dear.fills).toEqual([]);
    expect(dear.days.at(-1)!.lostIfNotVisitedMinor).toBeLessThan(5000);
  });

  it("waits until the stock is about to run out", () => {
    const plan = planMachine({ slots: [slot({ stock: 9, dailyMeans: [3, 3, 3, 3, 3, 3, 3] })], visitCostMinor: 300, fillTo: "capacity" });
    expect(plan.visitDays[0]).toBeGreaterThanOrEqual(2);
    expect(plan.visitDays[0]).toBeLessThanOrEqual(3);
  });

  it("plans fewer visits as the visit cost rises, and never one that changes nothing", () => {
    const rng = new Random("visit-cost");
    for (let run = 0; run < 100; run++) {
      const slots = Array.from({ length: rng.int(1, 8) }, (_, i) => randomSlot(rng, i));
      let previous = Infinity;
      for (const cost of [0, 200, 1000, 5000, 50_000]) {
        const input = { slots, visitCostMinor: cost, fillTo: "capacity" as const };
        const plan = planMachine(input);
        expect(plan.visitDays.length).toBeLessThanOrEqual(previous);
        previous = plan.visitDays.length;
        // Following the plan never costs more than not visiting at all: visits, lost margin and empty slot-hours together.
        const none = planForVisitDays(input, []);
        expect(none.totalCostMinor).toBe(plan.days.at(-1)?.lostIfNotVisitedMinor ?? 0);
        const hour = DEFAULT_EMPTY_SLOT_HOUR_MINOR;
        expect(plan.totalCostMinor + hour * plan.expectedEmptySlotHours).toBeLessThanOrEqual(none.totalCostMinor + hour * none.expectedEmptySlotHours + 1);
        // Weighing lost margin only, the plan never costs more in visits and margin either.
        const marginOnly = planMachine({ ...input, emptySlotHourMinor: 0 });
        expect(marginOnly.totalCostMinor).toBeLessThanOrEqual(none.totalCostMinor + 1);
      }
    }
  });

  it("weighs empty slot-hours: an empty slow seller is worth a visit its lost margin alone is not", () => {
    // 0.3 a day at 1.00 margin loses about 2.10 a week, far below a 25.00 visit; standing empty all
    // week at 0.20 an hour costs 33.60.
    const slow = slot({ stock: 0, marginMinor: 100, dailyMeans: [0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3] });
    const marginOnly = planMachine({ slots: [slow], visitCostMinor: 2500, fillTo: "capacity", emptySlotHourMinor: 0 });
    expect(marginOnly.visitDays).toEqual([]);
    expect(marginOnly.expectedEmptySlotHours).toBeCloseTo(7 * 24, 6);
    const weighed = planMachine({ slots: [slow], visitCostMinor: 2500, fillTo: "capacity", emptySlotHourMinor: 20 });
    expect(weighed.visitDays).toEqual([0]);
    expect(weighed.expectedEmptySlotHours).toBeLessThan(24);
    // The lost margin it reports is margin only: less than without the visit, and the visit is a cost.
    expect(weighed.expectedLostMinor).toBeLessThan(marginOnly.expectedLostMinor);
    expect(weighed.totalCostMinor).toBe(2500 + weighed.expectedLostMinor);
  });

  it("only visits on allowed days", () => {
    const plan = planMachine({ slots: [slot({ stock: 0 })], visitCostMinor: 100, fillTo: "capacity", allowedDays: [false, false, true, true, true, true, true] });
    expect(plan.visitDays[0]).toBe(2);
  });
});

describe("the pick list", () => {
  it("totals fill quantities by product across machines", () => {
    const lines = pickList([
      { machineId: "m1", fills: [{ code: "A1", productId: "cola", quantity: 4, expectedStock: 1, target: 5 }, { code: "A2", productId: "water", quantity: 2, expectedStock: 0, target: 2 }] },
      { machineId: "m2", fills: [{ code: "B1", productId: "cola", quantity: 3, expectedStock: 0, target: 3 }, { code: "B2", productId: "bar", quantity: 0, expectedStock: 5, target: 5 }] },
    ]);
    expect(lines.map((l) => [l.productId, l.quantity])).toEqual([
      ["cola", 7],
      ["water", 2],
    ]);
    expect(lines[0]!.slots).toEqual([
      { machineId: "m1", code: "A1", quantity: 4 },
      { machineId: "m2", code: "B1", quantity: 3 },
    ]);
  });
});
