// Seeded daily demand of a fleet's slots with the weekday and hour shapes of their places, and the
// stock that limits what sells: a slot that runs dry sells nothing for the rest of the day, and the
// share of the day's demand it was in stock for is recorded, as stockout tracking would.
import { Random } from "./random";
import { hourShare, profiles, type PlaceKind } from "./traffic";

export interface SimulatedDay {
  date: string;
  weekday: number;
  /** True demand, sold or not. */
  demand: number;
  units: number;
  availability: number;
}

export interface DemandSimOptions {
  seed: string;
  machines: number;
  slotsPerMachine: number;
  days: number;
  /** First simulated day (a Monday keeps weekdays easy to read). */
  start?: string;
  /** Restock every this many days, filling to capacity. */
  visitEveryDays?: number;
  /** Day-to-day demand spread beyond Poisson (coefficient of variation of a lognormal multiplier). */
  noise?: number;
}

const KINDS: PlaceKind[] = ["office", "station", "school", "hospital", "gym", "retail", "university", "airport", "factory", "hotel"];

/** One series per slot per machine, oldest day first. */
export function simulateDemand(options: DemandSimOptions): { kind: PlaceKind; slots: SimulatedDay[][] }[] {
  const rng = new Random(options.seed);
  const start = Date.parse(`${options.start ?? "2026-06-01"}T00:00:00Z`);
  const visitEvery = options.visitEveryDays ?? 4;
  const noise = options.noise ?? 0.25;
  const hourShares = (kind: PlaceKind) => Array.from({ length: 24 }, (_, h) => hourShare(kind, h));
  return Array.from({ length: options.machines }, (_, m) => {
    const kind = KINDS[m % KINDS.length]!;
    const week = profiles[kind].week;
    const shares = hourShares(kind);
    const offset = rng.int(0, visitEvery - 1);
    const slots = Array.from({ length: options.slotsPerMachine }, () => {
      // Long tail: a few slots sell a lot, most sell a few a day.
      const base = Math.exp(rng.normal(0.6, 0.8));
      const capacity = Math.max(4, Math.round(base * visitEvery * rng.between(0.6, 1.6)));
      let stock = capacity;
      const days: SimulatedDay[] = [];
      for (let d = 0; d < options.days; d++) {
        const ms = start + d * 86_400_000;
        const weekday = (new Date(ms).getUTCDay() + 6) % 7;
        if ((d + offset) % visitEvery === 0) stock = capacity;
        const multiplier = Math.exp(rng.normal(-(noise * noise) / 2, noise));
        const mean = base * week[weekday]! * multiplier;
        let demand = 0;
        let units = 0;
        let availability = 0;
        for (let h = 0; h < 24; h++) {
          if (shares[h]! === 0) continue;
          const wanted = rng.poisson(mean * shares[h]!);
          demand += wanted;
          if (stock > 0) availability += shares[h]!;
          const sold = Math.min(stock, wanted);
          units += sold;
          stock -= sold;
        }
        days.push({ date: new Date(ms).toISOString().slice(0, 10), weekday, demand, units, availability: Math.min(1, availability) });
      }
      return days;
    });
    return { kind, slots };
  });
}
