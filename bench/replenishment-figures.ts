// The replenishment figures of one org, for bench/replenishment.ts and bench/analytics.ts: the
// time to forecast and plan its whole fleet, and the forecast's WAPE against the seasonal-naive
// forecast (same weekday last week) on a rolling backtest of its own sales.
import type { Db } from "../db/client";
import { withTenant } from "../db/tenant";
import { jobContext, type ServiceCtx } from "../server/context";
import { backtest, type BacktestMachine } from "~/server/replenishment";
import { addDays, localDay } from "~/server/time";
import { loadFleetSlots, orgZone } from "~/server/replenishment";
import { computeForecasts, HISTORY_DAYS } from "~/server/replenishment";
import { loadHistory, slotKey } from "~/server/replenishment";
import { planFleet } from "~/server/replenishment";

export interface ReplenishmentFigures {
  machines: number;
  slots: number;
  /** Forecast job for the org: history, fits, plan, stored forecasts, alerts. */
  forecastMs: number;
  /** The plan of every machine from the stored forecasts (what the plans page and dashboard run). */
  planMs: number;
  visitsToday: number;
  wape: number;
  baselineWape: number;
  ratio: number;
  backtestPoints: number;
  backtestMs: number;
}

const asJob = <T>(db: Db, orgId: string, fn: (ctx: ServiceCtx) => Promise<T>) =>
  withTenant(db, { orgId }, (tx) => fn(jobContext(tx, { orgId, name: "bench" })));

/** Measures one org; `now` is the end of its data (defaults to the real clock). */
export async function replenishmentFigures(db: Db, orgId: string, now = new Date(), origins = 4): Promise<ReplenishmentFigures> {
  let started = performance.now();
  await asJob(db, orgId, (ctx) => computeForecasts(ctx, { now }));
  const forecastMs = performance.now() - started;

  started = performance.now();
  const plan = await asJob(db, orgId, (ctx) => planFleet(ctx, { now }));
  const planMs = performance.now() - started;

  started = performance.now();
  const machines = await asJob(db, orgId, async (ctx) => {
    const { timeZone } = await orgZone(ctx);
    const today = localDay(now, timeZone);
    const window = { from: addDays(today, -(HISTORY_DAYS + origins * 7)), to: addDays(today, -1), timeZone };
    const fleet = await loadFleetSlots(ctx);
    const history = await loadHistory(ctx, { window, slots: fleet, now });
    const byMachine = new Map<string, BacktestMachine>();
    for (const s of fleet) {
      const series = history.get(slotKey(s.machineId, s.code)) ?? [];
      if (series.length < HISTORY_DAYS + origins * 7 || !s.productId) continue;
      let m = byMachine.get(s.machineId);
      if (!m) byMachine.set(s.machineId, (m = { slots: [] }));
      m.slots.push(series);
    }
    return [...byMachine.values()];
  });
  const result = backtest(machines, { trainDays: HISTORY_DAYS, horizonDays: 7, origins });
  const backtestMs = performance.now() - started;

  return {
    machines: plan.machines.length,
    slots: plan.machines.reduce((a, m) => a + m.slots.length, 0),
    forecastMs,
    planMs,
    visitsToday: plan.machines.filter((m) => m.plan.visitDays[0] === 0).length,
    wape: result.wape,
    baselineWape: result.baselineWape,
    ratio: result.ratio,
    backtestPoints: result.points,
    backtestMs,
  };
}

/** The figures as lines, side by side with their baseline and goal. */
export function formatReplenishmentFigures(f: ReplenishmentFigures): string[] {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  return [
    `replenishment: ${f.machines} machines, ${f.slots} slots`,
    `  forecast (history, fits, plan, store, alerts)  ${s(f.forecastMs)}`,
    `  plan of the whole fleet                         ${s(f.planMs)}   (goal <= 10 s)   ${f.visitsToday} visits today`,
    `  forecast WAPE ${f.wape.toFixed(3)}   seasonal naive WAPE ${f.baselineWape.toFixed(3)}   ratio ${f.ratio.toFixed(2)}x (goal <= 0.85x)   ${f.backtestPoints} slot-days, ${s(f.backtestMs)}`,
  ];
}
