// The per-slot demand model: a weekday-seasonal level, learnt from daily sales with sold-out days
// censored or scaled up, and a negative binomial spread fitted to what is left over.
import "server-only";
import { demandOver, probabilityOfSellingOut, quantile } from "./distribution";

/** Changes whenever the model changes, so stored forecasts say which model made them. */
export const MODEL_VERSION = "weekday-nb-1";

/** One day of one slot's history. */
export interface DayObservation {
  /** Local date, YYYY-MM-DD. */
  date: string;
  /** 0 = Monday .. 6 = Sunday. */
  weekday: number;
  /** Units sold that day. */
  units: number;
  /**
   * The share of the day's demand the slot was in stock for, 0..1 (1 - sold-out share). A day sold
   * out from noon sold only the morning's demand: its units are scaled up, not read as low demand.
   */
  availability: number;
}

export interface ForecastOptions {
  /** Weight of a day halves every this many days back. */
  halfLifeDays?: number;
  /** Days in stock for less than this share of their demand teach nothing and are left out. */
  minAvailability?: number;
  /** Weekday shape to use instead of the slot's own (e.g. the machine's, which is steadier). */
  weekdayFactors?: readonly number[];
  /** Pseudo-units pulling a sparse weekday's factor toward 1. */
  weekdayPrior?: number;
}

export interface SlotForecast {
  /** Expected units on an average day of the week. */
  level: number;
  /** Monday..Sunday multipliers of `level`, averaging 1. */
  weekdayFactors: number[];
  /** Negative binomial size; Infinity when the spread is Poisson. */
  dispersion: number;
  /** Days the model learnt from, and days left out because the slot was sold out most of the day. */
  daysUsed: number;
  censoredDays: number;
}

const FLAT = [1, 1, 1, 1, 1, 1, 1];

interface Usable {
  weekday: number;
  /** Units scaled up to a fully stocked day. */
  demand: number;
  /** Weight from the day's age and how much of it was observed. */
  weight: number;
  full: boolean;
}

function usableDays(history: readonly DayObservation[], options: ForecastOptions): { days: Usable[]; censored: number } {
  const halfLife = options.halfLifeDays ?? 21;
  const minAvailability = options.minAvailability ?? 0.25;
  const newest = history.reduce((max, d) => (d.date > max ? d.date : max), "");
  const newestMs = newest ? Date.parse(`${newest}T00:00:00Z`) : 0;
  const days: Usable[] = [];
  let censored = 0;
  for (const d of history) {
    const availability = Math.min(1, Math.max(0, d.availability));
    if (availability < minAvailability) {
      censored++;
      continue;
    }
    const age = (newestMs - Date.parse(`${d.date}T00:00:00Z`)) / 86_400_000;
    days.push({
      weekday: d.weekday,
      demand: d.units / availability,
      // A partly observed day is a noisier estimate: it counts for the share that was observed.
      weight: Math.pow(0.5, age / halfLife) * availability,
      full: availability >= 0.999,
    });
  }
  return { days, censored };
}

/** Monday..Sunday factors from daily demand, shrunk toward flat where there is little to go on. */
export function weekdayFactorsOf(history: readonly DayObservation[], options: ForecastOptions = {}): number[] {
  const { days } = usableDays(history, options);
  const prior = options.weekdayPrior ?? 10;
  const totals = new Array(7).fill(0) as number[];
  const weights = new Array(7).fill(0) as number[];
  let all = 0;
  let allWeight = 0;
  for (const d of days) {
    totals[d.weekday]! += d.demand * d.weight;
    weights[d.weekday]! += d.weight;
    all += d.demand * d.weight;
    allWeight += d.weight;
  }
  if (all <= 0 || allWeight <= 0) return [...FLAT];
  const mean = all / allWeight;
  const raw = totals.map((t, w) => (weights[w]! > 0 ? (t + prior) / (weights[w]! * mean + prior) : 1));
  const avg = raw.reduce((a, b) => a + b, 0) / 7;
  return raw.map((f) => f / avg);
}

/** Fits one slot's model to its daily history (any order, gaps allowed). */
export function fitForecast(history: readonly DayObservation[], options: ForecastOptions = {}): SlotForecast {
  const { days, censored } = usableDays(history, options);
  const factors = options.weekdayFactors ? [...options.weekdayFactors] : weekdayFactorsOf(history, options);
  // Ratio estimator: sum of demand over the sum of what the weekday shape expected of those days,
  // which copes with weekdays whose factor is zero (a school on Sunday).
  let num = 0;
  let den = 0;
  for (const d of days) {
    num += d.weight * d.demand;
    den += d.weight * factors[d.weekday]!;
  }
  const level = den > 0 ? num / den : 0;

  // Spread: method of moments on fully observed days; variance beyond the mean means overdispersion.
  let excess = 0;
  let meanSq = 0;
  let n = 0;
  for (const d of days) {
    if (!d.full) continue;
    const mu = level * factors[d.weekday]!;
    excess += (d.demand - mu) ** 2 - mu;
    meanSq += mu * mu;
    n++;
  }
  const dispersion = n >= 7 && excess > 0 && meanSq > 0 ? Math.max(0.5, meanSq / excess) : Infinity;
  return { level, weekdayFactors: factors, dispersion, daysUsed: days.length, censoredDays: censored };
}

/** Expected units on a day of the given weekday. */
export function expectedOn(f: SlotForecast, weekday: number): number {
  return f.level * (f.weekdayFactors[weekday] ?? 1);
}

/** Expected units for each of the days with these weekdays. */
export function expectedOver(f: SlotForecast, weekdays: readonly number[]): number[] {
  return weekdays.map((w) => expectedOn(f, w));
}

/** A central forecast with a band: the 10% and 90% quantiles of the day's demand. */
export function band(f: SlotForecast, weekday: number, low = 0.1, high = 0.9) {
  const d = demandOver([expectedOn(f, weekday)], f.dispersion);
  return { expected: d.mean, low: quantile(d, low), high: quantile(d, high) };
}

/**
 * Days until the expected demand uses up `stock`, counting `dailyMeans` from now (the first entry
 * may be the rest of today); fractional, or null if the stock outlasts the days given.
 */
export function daysToEmpty(stock: number, dailyMeans: readonly number[]): number | null {
  if (stock <= 0) return 0;
  let left = stock;
  for (let i = 0; i < dailyMeans.length; i++) {
    const mu = Math.max(dailyMeans[i]!, 0);
    if (mu >= left) return i + left / mu;
    left -= mu;
  }
  return null;
}

/** The chance that `stock` runs out within the days of `dailyMeans`. */
export function selloutProbability(f: SlotForecast, stock: number, dailyMeans: readonly number[]): number {
  return probabilityOfSellingOut(stock, demandOver(dailyMeans, f.dispersion));
}
