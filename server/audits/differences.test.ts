import { describe, expect, it } from "vitest";
import { matchSlot, NO_VALUE, salesBetween, type AuditCounters } from "./differences";

const audit = (paid: number | null, selections: [string, number | null, number?][], extra: Partial<AuditCounters> = {}): AuditCounters => ({
  readAtLocal: "2026-03-01T10:00:00",
  paidCount: paid,
  paidValueMinor: paid === null ? null : paid * 100,
  cashSalesMinor: null,
  cashlessSalesMinor: null,
  previousReadAt: null,
  selections: selections.map(([selection, count, value]) => ({ selection, priceMinor: 100, paidCount: count, paidValueMinor: value ?? (count === null ? null : count * 100) })),
  ...extra,
});

describe("sales between two reads", () => {
  it("is the difference of the since-initialisation counters, per selection and in total", () => {
    const between = salesBetween(audit(10, [["11", 6], ["12", 4]]), audit(15, [["11", 9], ["12", 6]]));
    expect(between.selections).toEqual([
      { selection: "11", units: 3, valueMinor: 300, flag: null },
      { selection: "12", units: 2, valueMinor: 200, flag: null },
    ]);
    expect(between.totals).toEqual({ units: 5, valueMinor: 500, cashMinor: null, cashlessMinor: null });
    expect(between).toMatchObject({ reset: false, missingRead: false, wentBack: [] });
  });

  it("has nothing to compare on a first read", () => {
    expect(salesBetween(null, audit(5, [["11", 5]])).selections).toEqual([{ selection: "11", units: null, valueMinor: null, flag: "first_read" }]);
  });

  it("takes the later counters as the sales since when the machine was initialised again", () => {
    const between = salesBetween(audit(500, [["11", 300], ["12", 200]]), audit(7, [["11", 4], ["12", 3]]));
    expect(between.reset).toBe(true);
    expect(between.selections.map((s) => [s.units, s.flag])).toEqual([
      [4, "reset"],
      [3, "reset"],
    ]);
    expect(between.totals.units).toBe(7);
    // Without VA1, most selections going back also means a reset.
    expect(salesBetween(audit(null, [["11", 300], ["12", 200], ["13", 5]]), audit(null, [["11", 2], ["12", 1], ["13", 6]])).reset).toBe(true);
  });

  it("gives no figure for a single counter that went back, or for 4294967295, and says why", () => {
    const between = salesBetween(audit(20, [["11", 10], ["12", NO_VALUE], ["13", 5]]), audit(25, [["11", 8], ["12", 3], ["13", NO_VALUE]]));
    expect(between.selections).toEqual([
      { selection: "11", units: null, valueMinor: null, flag: "went_back" },
      { selection: "12", units: null, valueMinor: null, flag: "no_value" },
      { selection: "13", units: null, valueMinor: null, flag: "no_value" },
    ]);
    expect(between.reset).toBe(false);
    expect(salesBetween(audit(20, [["11", 1]], { cashSalesMinor: 900 }), audit(21, [["11", 2]], { cashSalesMinor: 800 })).wentBack).toEqual(["cashSalesMinor"]);
  });

  it("flags, but still counts, the sales across a read that never arrived", () => {
    const between = salesBetween(audit(10, [["11", 10]]), audit(14, [["11", 14]], { readAtLocal: "2026-03-09T10:00:00", previousReadAt: "2026-03-05T08:30:00" }));
    expect(between.missingRead).toBe(true);
    expect(between.selections).toEqual([{ selection: "11", units: 4, valueMinor: 400, flag: "missing_read" }]);
    // The previous read matches to the minute: not missing.
    expect(salesBetween(audit(10, [["11", 10]]), audit(14, [["11", 14]], { previousReadAt: "2026-03-01T10:00:00" })).missingRead).toBe(false);
  });

  it("counts a selection new since the previous read from zero, flagged, and keeps a selection without a number", () => {
    const between = salesBetween(audit(10, [["11", 10]]), audit(13, [["11", 11], ["21", 2], ["", 0]]));
    expect(between.selections).toEqual([
      { selection: "11", units: 1, valueMinor: 100, flag: null },
      { selection: "21", units: 2, valueMinor: 200, flag: "new_selection" },
      { selection: "", units: 0, valueMinor: 0, flag: "new_selection" },
    ]);
  });
});

describe("matching selections to slots", () => {
  const codes = ["A1", "A2", "A10", "B3", "C01"];
  it.each([
    ["A1", "A1"],
    ["a2", "A2"],
    ["11", "A1"],
    ["12", "A2"],
    ["23", "B3"],
    ["110", "A10"],
    ["31", "C01"],
    ["C1", "C01"],
    ["99", null],
    ["", null],
    ["7", null],
  ])("selection %s → %s", (selection, slot) => {
    expect(matchSlot(selection, codes)).toBe(slot);
  });
});
