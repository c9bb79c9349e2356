import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { addMember, callerFor } from "~/test/factories";
import { createMachineWithPlanogram, restock, sendEvents, vend } from "~/test/machines";
import { comparedRange, relativeChange, yearBefore } from "./contract";

let t: TestDatabase;
let m: Awaited<ReturnType<typeof createMachineWithPlanogram>>;
beforeAll(async () => {
  t = await createTestDatabase();
  m = await createMachineWithPlanogram(t.db, { capacity: 50 });
  // The org is in Europe/Berlin, UTC+1 in November: 23:00 UTC is midnight of the next day there.
  // Cola sells at 2.50 (cost 0.90), water at 1.50 (cost 0.30).
  const sent = await sendEvents(t.db, m.machine.id, m.secret, {
    events: [
      restock([{ slot: "A1", quantity: 50 }, { slot: "A2", quantity: 50 }], new Date("2025-11-01T08:00:00Z")),
      vend("A1", { at: new Date("2025-11-18T10:00:00Z"), price: 250 }), // a year earlier, 18 Nov 2025
      vend("A2", { at: new Date("2026-11-08T23:00:00Z"), price: 150 }), // 9 Nov 00:00: first day before
      vend("A1", { at: new Date("2026-11-15T22:59:00Z"), price: 250 }), // 15 Nov 23:59: last day before
      vend("A1", { at: new Date("2026-11-15T23:00:00Z"), price: 250 }), // 16 Nov 00:00: first day
      vend("A2", { at: new Date("2026-11-20T12:00:00Z"), price: 150 }),
      vend("A2", { at: new Date("2026-11-20T12:05:00Z"), price: 150, ok: false }),
      vend("A1", { at: new Date("2026-11-22T22:59:00Z"), price: 250 }), // 22 Nov 23:59: last day
      vend("A2", { at: new Date("2026-11-22T23:00:00Z"), price: 150 }), // 23 Nov 00:00: after the range
    ],
  });
  expect(sent.json.results?.map((r) => r.status)).toEqual(Array(9).fill("accepted"));
});
afterAll(async () => {
  await t.drop();
});

const week = { from: "2026-11-16", to: "2026-11-22" };

describe("comparing sales with another period", () => {
  it("compares a week with the week before, bounded by midnight in the org's time zone", async () => {
    const api = callerFor(t.db, await addMember(t.db, m.org.id, "viewer"));
    const result = await api.sales.compare({ orgId: m.org.id, ...week, compare: "previous" });
    expect(result.current).toEqual(week);
    expect(result.previous).toEqual({ from: "2026-11-09", to: "2026-11-15" });
    // Now: cola 2.50 + water 1.50 + cola 2.50, one failure; before: water 1.50 + cola 2.50.
    expect(result.totals).toEqual([
      {
        currency: "EUR",
        current: { vends: 3, failed: 1, revenueMinor: 650, costMinor: 210 },
        previous: { vends: 2, failed: 0, revenueMinor: 400, costMinor: 120 },
        change: {
          vends: 0.5, // 3 against 2
          failed: null, // none before: no base for a change
          revenueMinor: 0.625, // 6.50 against 4.00
          averageTicketMinor: 0.085, // 2.17 against 2.00
          grossProfitMinor: 160 / 280, // 4.40 against 2.80
        },
      },
    ]);
    expect(result.days.map((d) => [d.day, d.previousDay, d.revenueMinor, d.previousRevenueMinor])).toEqual([
      ["2026-11-16", "2026-11-09", 250, 150],
      ["2026-11-17", "2026-11-10", 0, 0],
      ["2026-11-18", "2026-11-11", 0, 0],
      ["2026-11-19", "2026-11-12", 0, 0],
      ["2026-11-20", "2026-11-13", 150, 0],
      ["2026-11-21", "2026-11-14", 0, 0],
      ["2026-11-22", "2026-11-15", 250, 250],
    ]);
  });

  it("compares with the same days a year earlier, and keeps the other filters on both", async () => {
    const api = callerFor(t.db, m.owner);
    const year = await api.sales.compare({ orgId: m.org.id, ...week, compare: "year" });
    expect(year.previous).toEqual({ from: "2025-11-16", to: "2025-11-22" });
    expect(year.totals[0]!.previous).toEqual({ vends: 1, failed: 0, revenueMinor: 250, costMinor: 90 });
    expect(year.totals[0]!.change.revenueMinor).toBe(1.6); // 6.50 against 2.50
    expect(year.days[2]).toMatchObject({ day: "2026-11-18", previousDay: "2025-11-18", revenueMinor: 0, previousRevenueMinor: 250 });

    const water = await api.sales.compare({ orgId: m.org.id, ...week, productId: m.products.water.id, compare: "previous" });
    expect(water.totals.map((r) => [r.current, r.previous])).toEqual([
      [
        { vends: 1, failed: 1, revenueMinor: 150, costMinor: 30 },
        { vends: 1, failed: 0, revenueMinor: 150, costMinor: 30 },
      ],
    ]);
    expect(water.totals[0]!.change.revenueMinor).toBe(0);
  });

  it("gives no change when the compared period sold nothing", async () => {
    const api = callerFor(t.db, m.owner);
    const result = await api.sales.compare({ orgId: m.org.id, from: "2026-11-20", to: "2026-11-23", compare: "previous" });
    expect(result.previous).toEqual({ from: "2026-11-16", to: "2026-11-19" });
    const water = await api.sales.compare({ orgId: m.org.id, from: "2026-11-20", to: "2026-11-23", productId: m.products.water.id, compare: "previous" });
    expect(water.totals).toEqual([
      {
        currency: "EUR",
        current: { vends: 2, failed: 1, revenueMinor: 300, costMinor: 60 },
        previous: { vends: 0, failed: 0, revenueMinor: 0, costMinor: 0 },
        change: { vends: null, failed: null, revenueMinor: null, averageTicketMinor: null, grossProfitMinor: null },
      },
    ]);
    expect(water.days.map((d) => d.previousRevenueMinor)).toEqual([0, 0, 0, 0]);
    // Nothing at all on either side: no currency to report.
    expect(await api.sales.compare({ orgId: m.org.id, from: "2027-01-01", to: "2027-01-31", compare: "year" })).toMatchObject({ totals: [], days: [] });
  });

  it("refuses a comparison without both ends of the range, or a year compared with an overlapping one", async () => {
    const api = callerFor(t.db, m.owner);
    await expect(api.sales.compare({ orgId: m.org.id, to: "2026-11-22", compare: "previous" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Choose the first day of the range to compare it.",
    });
    await expect(api.sales.compare({ orgId: m.org.id, from: "2025-01-01", to: "2026-01-02", compare: "year" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Compare at most a year with the same period last year.",
    });
    await expect(api.sales.compare({ orgId: m.org.id, from: "2020-01-01", to: "2026-11-30", compare: "previous" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Compare at most three years at a time.",
    });
    await expect(api.sales.compare({ orgId: m.org.id, ...week, compare: "decade" as "year" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("the compared range", () => {
  it("is the same number of days just before, or the same days a year earlier", () => {
    expect(comparedRange({ from: "2026-03-01", to: "2026-03-31" }, "previous")).toEqual({ from: "2026-01-29", to: "2026-02-28" });
    expect(comparedRange({ from: "2026-01-01", to: "2026-01-01" }, "previous")).toEqual({ from: "2025-12-31", to: "2025-12-31" });
    expect(comparedRange({ from: "2028-02-29", to: "2028-03-06" }, "year")).toEqual({ from: "2027-02-28", to: "2027-03-06" });
    expect(yearBefore("2029-02-28")).toBe("2028-02-28");
    expect(yearBefore("2000-01-01")).toBe("1999-01-01");
  });

  it("changes by a fraction of the earlier figure, or not at all from nothing", () => {
    expect(relativeChange(150, 100)).toBe(0.5);
    expect(relativeChange(50, 200)).toBe(-0.75);
    expect(relativeChange(-20, -40)).toBe(0.5);
    expect(relativeChange(10, 0)).toBeNull();
    expect(relativeChange(0, 0)).toBeNull();
  });
});
