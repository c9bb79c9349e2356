// How a place's monthly commission lands on its machine-days. Pure, so the rule is tested alone.
import "server-only";
import { addDays, daysBetween } from "~/server/time";

/** One machine's gross sales on one day at a place. */
export interface MachineDayGross {
  machineId: string;
  day: string;
  grossMinor: number;
}

/** The first and last day of a `YYYY-MM` month. */
export function monthDays(month: string): { first: string; last: string; days: number } {
  const first = `${month}-01`;
  const [y, m] = month.split("-").map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
  const last = addDays(next, -1);
  return { first, last, days: daysBetween(first, last) + 1 };
}

/** The `YYYY-MM` months a span of days touches, in order. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = from.slice(0, 7); m <= to.slice(0, 7); m = addDays(monthDays(m).last, 1).slice(0, 7)) months.push(m);
  return months;
}

/**
 * Spreads one place's commission for a month (percentage, per unit, rent and minimum guarantee
 * alike) over its machine-days in proportion to their gross sales. A month without sales spreads
 * it evenly over the place's machine-days: its machines (at least one, so rent on an empty place
 * still counts) times the days of the month. Returns each machine-day's share, unrounded, keyed
 * `machineId|day`; the shares add up to the commission.
 */
export function allocateCommission(input: { month: string; commissionMinor: number; sales: MachineDayGross[]; machineIds: string[] }): Map<string, number> {
  const shares = new Map<string, number>();
  const { first, last, days } = monthDays(input.month);
  const inMonth = input.sales.filter((s) => s.day >= first && s.day <= last && s.grossMinor > 0);
  const gross = inMonth.reduce((a, s) => a + s.grossMinor, 0);
  if (gross > 0) {
    for (const s of inMonth) {
      const key = `${s.machineId}|${s.day}`;
      shares.set(key, (shares.get(key) ?? 0) + (input.commissionMinor * s.grossMinor) / gross);
    }
    return shares;
  }
  const machines = input.machineIds.length > 0 ? input.machineIds : [""];
  const each = input.commissionMinor / (machines.length * days);
  for (let day = first; day <= last; day = addDays(day, 1)) for (const id of machines) shares.set(`${id}|${day}`, each);
  return shares;
}

/** The part of a month's allocated commission that falls on the days `from`..`to`. */
export function shareInPeriod(shares: Map<string, number>, from: string, to: string): number {
  let sum = 0;
  for (const [key, share] of shares) {
    const day = key.slice(key.lastIndexOf("|") + 1);
    if (day >= from && day <= to) sum += share;
  }
  return sum;
}

/** Rounds half away from zero to whole minor units (money is rounded once, at the end). */
export const roundMinor = (x: number) => Math.sign(x) * Math.round(Math.abs(x));
