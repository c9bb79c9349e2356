// Rolling-origin backtest of the slot model against the seasonal-naive forecast (same weekday
// last week), scored by WAPE on the days each slot was in stock all day.
import "server-only";
import { expectedOn, fitForecast, weekdayFactorsOf, type DayObservation } from "./demand-model";

export interface BacktestMachine {
  /** One series per slot, all covering the same consecutive days, oldest first. */
  slots: DayObservation[][];
}

export interface BacktestOptions {
  /** Days of history each fit sees. */
  trainDays?: number;
  /** Days forecast from each origin. */
  horizonDays?: number;
  /** Number of origins, a horizon apart, ending at the last day. */
  origins?: number;
}

export interface BacktestResult {
  /** Sum of absolute errors over the sum of actual units. */
  wape: number;
  baselineWape: number;
  /** wape / baselineWape. */
  ratio: number;
  /** Slot-days scored, and actual units in them. */
  points: number;
  actualUnits: number;
}

/** Machine-level weekday shape: the slots' days summed, each day as available as its average slot. */
export function machineDays(slots: readonly DayObservation[][]): DayObservation[] {
  const first = slots[0] ?? [];
  return first.map((d, i) => {
    let units = 0;
    let availability = 0;
    for (const s of slots) {
      units += s[i]!.units;
      availability += s[i]!.availability;
    }
    return { date: d.date, weekday: d.weekday, units, availability: slots.length > 0 ? availability / slots.length : 1 };
  });
}

export function backtest(machines: readonly BacktestMachine[], options: BacktestOptions = {}): BacktestResult {
  const train = options.trainDays ?? 56;
  const horizon = options.horizonDays ?? 7;
  const origins = options.origins ?? 4;
  let err = 0;
  let baseErr = 0;
  let actual = 0;
  let points = 0;
  for (const m of machines) {
    const length = m.slots[0]?.length ?? 0;
    const pooled = machineDays(m.slots);
    for (let o = 0; o < origins; o++) {
      const origin = length - (origins - o) * horizon;
      if (origin - train < 7) continue;
      const factors = weekdayFactorsOf(pooled.slice(origin - train, origin));
      for (const series of m.slots) {
        const model = fitForecast(series.slice(origin - train, origin), { weekdayFactors: factors });
        for (let h = 0; h < horizon && origin + h < length; h++) {
          const day = series[origin + h]!;
          if (day.availability < 0.999) continue;
          const naive = series[origin + h - 7]!.units;
          err += Math.abs(expectedOn(model, day.weekday) - day.units);
          baseErr += Math.abs(naive - day.units);
          actual += day.units;
          points++;
        }
      }
    }
  }
  const wape = actual > 0 ? err / actual : 0;
  const baselineWape = actual > 0 ? baseErr / actual : 0;
  return { wape, baselineWape, ratio: baselineWape > 0 ? wape / baselineWape : 0, points, actualUnits: actual };
}
