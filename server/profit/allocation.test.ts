import { describe, expect, it } from "vitest";
import { allocateCommission, monthDays, monthsOf, roundMinor, shareInPeriod } from "./allocation";
import { costsExceedingMargin, lossReason, standingOf } from "./standing";

describe("commission over machine-days", () => {
  it("spreads a month's commission in proportion to each machine-day's gross sales", () => {
    // 20.00 of commission (rent included) over 100.00 of gross: 1/5 of each machine-day's sales.
    const shares = allocateCommission({
      month: "2026-11",
      commissionMinor: 2000,
      machineIds: ["m1", "m2"],
      sales: [
        { machineId: "m1", day: "2026-11-02", grossMinor: 6000 },
        { machineId: "m2", day: "2026-11-02", grossMinor: 1000 },
        { machineId: "m2", day: "2026-11-20", grossMinor: 3000 },
        // Outside the month: not part of its total.
        { machineId: "m1", day: "2026-12-01", grossMinor: 9000 },
      ],
    });
    expect(Object.fromEntries(shares)).toEqual({ "m1|2026-11-02": 1200, "m2|2026-11-02": 200, "m2|2026-11-20": 600 });
    expect(shareInPeriod(shares, "2026-11-01", "2026-11-15")).toBe(1400);
    expect(shareInPeriod(shares, "2026-11-16", "2026-11-30")).toBe(600);
  });

  it("spreads a month without sales evenly over the place's machine-days", () => {
    // 30.00 of rent, two machines, 30 days: 0.50 a machine-day; 15 days of it are 15.00.
    const shares = allocateCommission({ month: "2026-11", commissionMinor: 3000, machineIds: ["m1", "m2"], sales: [] });
    expect(shares.size).toBe(60);
    expect(shares.get("m1|2026-11-30")).toBe(50);
    expect(shareInPeriod(shares, "2026-11-01", "2026-11-15")).toBe(1500);
    // A place whose machines were taken away still pays its rent, day by day.
    const empty = allocateCommission({ month: "2026-02", commissionMinor: 2800, machineIds: [], sales: [] });
    expect(shareInPeriod(empty, "2026-02-01", "2026-02-07")).toBe(700);
  });

  it("knows months and their days", () => {
    expect(monthDays("2028-02")).toEqual({ first: "2028-02-01", last: "2028-02-29", days: 29 });
    expect(monthsOf("2026-11-20", "2027-01-05")).toEqual(["2026-11", "2026-12", "2027-01"]);
    expect(roundMinor(137.5)).toBe(138);
    expect(roundMinor(-137.5)).toBe(-138);
  });
});

const place = (over: Partial<Parameters<typeof standingOf>[0]>) => ({
  locationId: "loc",
  name: "Office",
  machines: 1,
  machineDays: 30,
  revenueMinor: 10_000,
  cogsMinor: 4_000,
  marginMinor: 6_000,
  refundsMinor: 0,
  commissionMinor: 0,
  cardFeesMinor: 0,
  visits: 0,
  visitCostMinor: 0,
  profitMinor: 6_000,
  profitPerMachineDay: 200,
  ...over,
});

describe("where a place stands", () => {
  it("names the costs that turn the margin into a loss, largest first", () => {
    const p = place({ commissionMinor: 4_000, visitCostMinor: 3_000, cardFeesMinor: 500, profitMinor: -1_500, profitPerMachineDay: -50 });
    expect(costsExceedingMargin(p)).toEqual(["commission", "visits"]);
    expect(standingOf(p, 100, "EUR")).toEqual({
      standing: "candidate",
      reasons: ["Commission and visits exceed margin: €40.00 and €30.00 against a margin of €60.00.", "Loses €15.00 (€0.50 per machine-day)."],
    });
    const fees = place({ cardFeesMinor: 3_500, refundsMinor: 2_600, profitMinor: -100, profitPerMachineDay: -3 });
    expect(lossReason(fees, "EUR")).toBe("Card fees and refunds exceed margin: €35.00 and €26.00 against a margin of €60.00.");
    const rent = place({ revenueMinor: 0, cogsMinor: 0, marginMinor: 0, commissionMinor: 2_000, profitMinor: -2_000, profitPerMachineDay: -67 });
    expect(lossReason(rent, "EUR")).toBe("No sales, while it costs €20.00.");
  });

  it("calls a place good at or above the median profit per machine-day, fair below it", () => {
    expect(standingOf(place({}), 100, "EUR")).toEqual({ standing: "good", reasons: ["Earns €2.00 per machine-day, 2.0× the median place."] });
    expect(standingOf(place({ profitMinor: 1_500, profitPerMachineDay: 50 }), 100, "EUR")).toEqual({
      standing: "fair",
      reasons: ["Earns €0.50 per machine-day, under the median place's €1.00."],
    });
  });

  it("says the reasons in the reader's language, the money formatted for it", () => {
    const p = place({ commissionMinor: 4_000, visitCostMinor: 3_000, cardFeesMinor: 500, profitMinor: -1_500, profitPerMachineDay: -50 });
    expect(standingOf(p, 100, "CNY", "zh-CN").reasons).toEqual(["佣金和补货成本超过毛利：¥40.00和¥30.00，而毛利为 ¥60.00。", "亏损 ¥15.00（每台售货机每天 ¥0.50）。"]);
    expect(standingOf(place({}), 100, "CNY", "zh-CN").reasons).toEqual(["每台售货机每天盈利 ¥2.00，是中位点位的 2.0 倍。"]);
    expect(standingOf(p, 100, "EUR", "en")).toEqual(standingOf(p, 100, "EUR"));
  });
});
