import { describe, expect, it } from "vitest";
import { Random } from "~/sim/random";
import { simulateDemand } from "~/sim/demand";
import { backtest } from "./backtest";
import { demandOver, expectedShortfall, pmf, probabilityOfSellingOut, quantile } from "./distribution";
import { band, daysToEmpty, expectedOn, fitForecast, selloutProbability, type DayObservation } from "./demand-model";

function days(count: number, fn: (i: number, weekday: number) => Omit<DayObservation, "date" | "weekday">): DayObservation[] {
  return Array.from({ length: count }, (_, i) => {
    const date = new Date(Date.UTC(2026, 5, 1) + i * 86_400_000); // 2026-06-01 is a Monday
    const weekday = i % 7;
    return { date: date.toISOString().slice(0, 10), weekday, ...fn(i, weekday) };
  });
}

describe("the forecast backtest on simulated fleets", () => {
  it("beats the seasonal-naive forecast (same weekday last week) by WAPE", () => {
    const fleet = simulateDemand({ seed: "backtest", machines: 20, slotsPerMachine: 10, days: 98 });
    const result = backtest(fleet, { trainDays: 56, horizonDays: 7, origins: 4 });
    console.log(
      `forecast WAPE ${result.wape.toFixed(3)} vs seasonal naive ${result.baselineWape.toFixed(3)} ` +
        `(${result.ratio.toFixed(2)}x) over ${result.points} slot-days, ${result.actualUnits} units`,
    );
    expect(result.points).toBeGreaterThan(1000);
    expect(result.ratio).toBeLessThan(1);
  });
});

describe("sold-out days", () => {
  it("does not forecast a slot sold out half the days at half its demand", () => {
    const rng = new Random("half-sold-out");
    // True demand 10 a day; every other day the slot runs dry at midday and sells only 5.
    const history = days(56, (i) => {
      const demand = rng.poisson(10);
      return i % 2 === 0 ? { units: Math.round(demand / 2), availability: 0.5 } : { units: demand, availability: 1 };
    });
    const f = fitForecast(history);
    expect(expectedOn(f, 2)).toBeGreaterThan(9);
    expect(expectedOn(f, 2)).toBeLessThan(11);
    // What a model that believed the sales would have said:
    const naive = history.reduce((a, d) => a + d.units, 0) / history.length;
    expect(naive).toBeLessThan(8);
  });

  it("learns nothing from days the slot was sold out all day", () => {
    const history = days(28, (i) => (i % 2 === 0 ? { units: 0, availability: 0 } : { units: 6, availability: 1 }));
    const f = fitForecast(history);
    expect(f.censoredDays).toBe(14);
    expect(f.daysUsed).toBe(14);
    expect(expectedOn(f, 0)).toBeCloseTo(6, 0);
  });

  it("keeps a weekday with no demand at zero (a school on Sunday)", () => {
    const history = days(56, (_i, weekday) => ({ units: weekday >= 5 ? 0 : 8, availability: 1 }));
    const f = fitForecast(history, { weekdayPrior: 0 });
    expect(expectedOn(f, 6)).toBe(0);
    expect(expectedOn(f, 1)).toBeCloseTo(8, 5);
  });
});

describe("the demand distribution", () => {
  it("has probabilities that sum to one and a Poisson shortfall that matches the formula", () => {
    const d = demandOver([2, 3], Infinity);
    expect(pmf(d, 60).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    // E[(D - 1)+] for Poisson(5) = 5 - P(D >= 1) = 5 - (1 - e^-5).
    expect(expectedShortfall(1, d)).toBeCloseTo(5 - (1 - Math.exp(-5)), 9);
    expect(expectedShortfall(0, d)).toBeCloseTo(5, 9);
  });

  it("widens with overdispersion and stays finite for large means", () => {
    const poisson = demandOver([20], Infinity);
    const nb = demandOver([20], 2);
    expect(quantile(nb, 0.9) - quantile(nb, 0.1)).toBeGreaterThan(quantile(poisson, 0.9) - quantile(poisson, 0.1));
    const huge = demandOver([2000], Infinity);
    expect(probabilityOfSellingOut(1900, huge)).toBeGreaterThan(0.9);
    expect(probabilityOfSellingOut(2100, huge)).toBeLessThan(0.1);
  });

  it("gives a band around the expected demand", () => {
    const f = fitForecast(days(28, () => ({ units: 10, availability: 1 })));
    const b = band(f, 3);
    expect(b.low).toBeLessThanOrEqual(b.expected);
    expect(b.high).toBeGreaterThanOrEqual(b.expected);
  });
});

describe("days to empty and the chance of selling out", () => {
  it("counts whole and partial days of expected demand", () => {
    expect(daysToEmpty(10, [4, 4, 4])).toBeCloseTo(2.5, 9);
    expect(daysToEmpty(0, [4])).toBe(0);
    expect(daysToEmpty(100, [4, 4])).toBeNull();
  });

  it("rises with the days and falls with the stock", () => {
    const f = fitForecast(days(28, () => ({ units: 5, availability: 1 })));
    const week = [5, 5, 5, 5, 5, 5, 5];
    expect(selloutProbability(f, 12, week.slice(0, 3))).toBeGreaterThan(selloutProbability(f, 12, week.slice(0, 1)));
    expect(selloutProbability(f, 30, week.slice(0, 3))).toBeLessThan(selloutProbability(f, 12, week.slice(0, 3)));
    expect(selloutProbability(f, 0, week)).toBe(1);
  });
});
