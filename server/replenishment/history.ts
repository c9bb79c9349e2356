import "server-only";
import { sql } from "drizzle-orm";
import { salesMark, salesNotRolledUp } from "~/server/analytics";
import type { ServiceCtx } from "~/server/context";
import { addDays, daysBetween, localHour, weekdayOf } from "~/server/time";
import type { DayObservation } from "./demand-model";

export interface HistoryWindow {
  /** First and last local day, inclusive. */
  from: string;
  to: string;
  timeZone: string;
}

export interface SlotKey {
  machineId: string;
  code: string;
  productId: string | null;
}

export const slotKey = (machineId: string, code: string) => `${machineId}\t${code}`;

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/**
 * The share of each local hour in the org's demand over the last two weeks of the window, so a
 * slot empty overnight at an office loses little demand and one empty at lunch loses much.
 */
async function hourShares(ctx: ServiceCtx, w: HistoryWindow): Promise<number[]> {
  const from = addDays(w.to, -13);
  const rows = rowsOf<{ hour: number; n: number }>(
    await ctx.db.execute(sql`
      select extract(hour from occurred_at at time zone ${w.timeZone})::int as hour, count(*)::int as n
      from sales
      where org_id = ${ctx.orgId} and status = 'succeeded'
        and occurred_at >= (${from}::date)::timestamp at time zone ${w.timeZone}
        and occurred_at < ((${w.to}::date + 1)::timestamp at time zone ${w.timeZone})
      group by 1`),
  );
  const counts = new Array(24).fill(1) as number[]; // a little everywhere: no hour is impossible
  for (const r of rows) counts[Number(r.hour)]! += Number(r.n);
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.map((c) => c / total);
}

/**
 * Daily history of the given slots over the window: units sold of the slot's current product (from
 * the daily rollup, plus the sales it has not reached yet) and the share of each day's demand the slot was in stock (from its
 * stockout periods, weighted by the hour of day). A slot's series starts at its machine's first
 * recorded sale in the window, so a new machine is not read as one that sold nothing.
 */
export async function loadHistory(ctx: ServiceCtx, input: { window: HistoryWindow; slots: readonly SlotKey[]; now: Date }): Promise<Map<string, DayObservation[]>> {
  const { window: w, slots, now } = input;
  const mark = await salesMark(ctx, { hold: true });
  // One after another: they share the caller's transaction (one connection).
  // Days already rolled up come from the daily rollup; sales its watermark has not reached yet
  // (written since the last rollup run) are added from the raw table, so nothing is missed twice.
  const sold = await ctx.db.execute(sql`
      select machine_id, slot_code, product_id, to_char(day, 'YYYY-MM-DD') as day, sum(units)::int as units
      from (
        select machine_id, slot_code, product_id, day, units from sales_daily
        where org_id = ${ctx.orgId} and day between ${w.from}::date and ${w.to}::date and units > 0
        union all
        select s.machine_id, s.slot_code, coalesce(s.product_id, ''), (s.occurred_at at time zone ${w.timeZone})::date, 1
        from sales s
        where s.org_id = ${ctx.orgId} and ${salesNotRolledUp(mark, sql`s.writer_xid`)} and s.status = 'succeeded'
          and s.occurred_at >= (${w.from}::date)::timestamp at time zone ${w.timeZone}
          and s.occurred_at < ((${w.to}::date + 1)::timestamp at time zone ${w.timeZone})
      ) u
      group by 1, 2, 3, 4`);
  const stockouts = await ctx.db.execute(sql`
      select machine_id, slot_code, started_at, ended_at from slot_stockouts
      where org_id = ${ctx.orgId}
        and started_at < ((${w.to}::date + 1)::timestamp at time zone ${w.timeZone})
        and (ended_at is null or ended_at > (${w.from}::date)::timestamp at time zone ${w.timeZone})`);
  const shares = await hourShares(ctx, w);
  const length = daysBetween(w.from, w.to) + 1;
  const wanted = new Map(slots.map((s) => [slotKey(s.machineId, s.code), s]));
  const units = new Map<string, number[]>();
  const firstDay = new Map<string, number>();
  const dayIndex = new Map<string, number>();
  for (const r of rowsOf<{ machine_id: string; slot_code: string; product_id: string; day: string; units: number }>(sold)) {
    let i = dayIndex.get(r.day);
    if (i === undefined) dayIndex.set(r.day, (i = daysBetween(w.from, r.day)));
    firstDay.set(r.machine_id, Math.min(firstDay.get(r.machine_id) ?? i, i));
    const key = slotKey(r.machine_id, r.slot_code);
    const slot = wanted.get(key);
    if (!slot || (slot.productId ?? "") !== r.product_id) continue;
    let series = units.get(key);
    if (!series) units.set(key, (series = new Array(length).fill(0) as number[]));
    series[i]! += Number(r.units);
  }

  // Demand-weighted share of each day lost to stockouts, hour by hour.
  const lost = new Map<string, number[]>();
  const windowStart = Date.parse(`${w.from}T00:00:00Z`) - 86_400_000;
  for (const r of rowsOf<{ machine_id: string; slot_code: string; started_at: string | Date; ended_at: string | Date | null }>(stockouts)) {
    const key = slotKey(r.machine_id, r.slot_code);
    if (!wanted.has(key)) continue;
    let series = lost.get(key);
    if (!series) lost.set(key, (series = new Array(length).fill(0) as number[]));
    const start = Math.max(new Date(r.started_at).getTime(), windowStart);
    const end = Math.min(r.ended_at ? new Date(r.ended_at).getTime() : now.getTime(), now.getTime());
    for (let t = start; t < end; ) {
      const hourEnd = (Math.floor(t / 3_600_000) + 1) * 3_600_000;
      const slice = Math.min(end, hourEnd) - t;
      const { day, hour } = localHour(t, w.timeZone);
      const i = daysBetween(w.from, day);
      if (i >= 0 && i < length) series[i]! += shares[hour]! * (slice / 3_600_000);
      t = hourEnd;
    }
  }

  const dates = Array.from({ length }, (_, i) => addDays(w.from, i));
  const weekdays = dates.map(weekdayOf);
  const out = new Map<string, DayObservation[]>();
  for (const [key, slot] of wanted) {
    const first = firstDay.get(slot.machineId);
    const series: DayObservation[] = [];
    if (first !== undefined) {
      const u = units.get(key);
      const l = lost.get(key);
      for (let i = first; i < length; i++) {
        series.push({ date: dates[i]!, weekday: weekdays[i]!, units: u?.[i] ?? 0, availability: Math.max(0, 1 - (l?.[i] ?? 0)) });
      }
    }
    out.set(key, series);
  }
  return out;
}
