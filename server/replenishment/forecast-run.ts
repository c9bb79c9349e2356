import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { alerts, slotForecasts } from "~/db/schema";
import { raiseAlert, resolveAlert } from "~/server/alerts";
import type { ServiceCtx } from "~/server/context";
import { addDays, localDay } from "~/server/time";
import { machineDays } from "./backtest";
import { HISTORY_DAYS, SELLOUT_RULE } from "./contract";
import { daysToEmpty, fitForecast, MODEL_VERSION, selloutProbability, weekdayFactorsOf, type SlotForecast } from "./demand-model";
import { planFleet, planSlotOf, type PlannedMachine } from "./fleet-plan";
import { loadFleetSlots, orgZone } from "./fleet-slots";
import { loadHistory, slotKey } from "./history";
import { slotLostMarginMinor } from "./plan-math";

type PredictedSellout = {
  machineId: string;
  code: string;
  product: string;
  p: number;
  nextVisit: string | null;
  selloutDate: string;
  lostMinor: number;
};

/**
 * Forecasts every slot of the org from the last eight weeks (up to yesterday, in the org's zone),
 * stores the forecasts with what they were computed from, plans the visits, and raises or resolves
 * `predicted_sellout` (`uncoveredSellout`): a slot likely to sell out opens an alert only when the
 * plan does not cover it; one the plan covers resolves its alert and is shown in Plans.
 */
export async function computeForecasts(ctx: ServiceCtx, input: { now?: Date } = {}) {
  const now = input.now ?? new Date();
  await forecastOneAtATime(ctx);
  const { timeZone } = await orgZone(ctx);
  const today = localDay(now, timeZone);
  const window = { from: addDays(today, -HISTORY_DAYS), to: addDays(today, -1), timeZone };
  const fleet = await loadFleetSlots(ctx);
  const history = await loadHistory(ctx, { window, slots: fleet, now });

  const forecasts = new Map<string, SlotForecast & { productId: string | null }>();
  const machineIds = [...new Set(fleet.map((s) => s.machineId))];
  for (const machineId of machineIds) {
    const own = fleet.filter((s) => s.machineId === machineId);
    const series = own.map((s) => history.get(slotKey(machineId, s.code)) ?? []);
    // The machine's weekday shape is steadier than any one slot's.
    const factors = weekdayFactorsOf(machineDays(series.filter((x) => x.length > 0)));
    own.forEach((s, i) => forecasts.set(slotKey(machineId, s.code), { ...fitForecast(series[i]!, { weekdayFactors: factors }), productId: s.productId }));
  }

  const plan = await planFleet(ctx, { now, forecasts });
  const rows: (typeof slotForecasts.$inferInsert)[] = [];
  const predicted: PredictedSellout[] = [];
  for (const m of plan.machines) {
    const next = m.plan.visitDays[0];
    for (const s of m.slots) {
      const f = s.forecast;
      if (!f) continue;
      // Demand before the next visit (at least the rest of today), or over the whole horizon.
      const until = next === undefined ? s.dailyMeans.length : Math.max(next, 1);
      const p = s.productId ? selloutProbability(f, s.stock, s.dailyMeans.slice(0, until)) : 0;
      const nextVisit = next === undefined ? null : plan.dates[next]!;
      rows.push({
        orgId: ctx.orgId,
        machineId: m.machineId,
        slotCode: s.code,
        productId: s.productId,
        modelVersion: MODEL_VERSION,
        computedAt: now,
        windowStart: window.from,
        windowEnd: window.to,
        daysUsed: f.daysUsed,
        censoredDays: f.censoredDays,
        level: f.level,
        weekdayFactors: f.weekdayFactors,
        dispersion: Number.isFinite(f.dispersion) ? f.dispersion : null,
        stock: s.stock,
        daysToEmpty: daysToEmpty(s.stock, s.dailyMeans),
        nextVisitDate: nextVisit,
        selloutProbability: p,
      });
      // An empty slot is already sold out (stockout tracking tells of it); this warns of the next ones.
      if (s.productId && s.stock > 0 && f.level > 0 && p > plan.settings.selloutThreshold) {
        const uncovered = uncoveredSellout(s, next, plan.settings.visitCostMinor);
        if (uncovered) predicted.push({ machineId: m.machineId, code: s.code, product: s.productName ?? s.code, p, nextVisit, selloutDate: plan.dates[uncovered.day]!, lostMinor: uncovered.lostMinor });
      }
    }
  }
  await storeForecasts(ctx, rows);
  const alerted = await updateAlerts(ctx, predicted, now, plan.settings);
  return { slots: rows.length, alerts: alerted };
}

/**
 * Holds, until the transaction ends, the org's forecast lock: a refresh by hand, a second click and
 * the hourly job each replace all of the org's forecasts and act on its sell-out alerts, so two at
 * once would both delete the old rows and both insert new ones (a duplicate key on machine and
 * slot) and raise the same alerts twice. The second waits, then reads what the first stored (each
 * statement sees what committed before it), so it computes afresh instead of failing.
 */
async function forecastOneAtATime(ctx: ServiceCtx) {
  await ctx.db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`slot_forecasts:${ctx.orgId}`}, 0))`);
}

async function storeForecasts(ctx: ServiceCtx, rows: (typeof slotForecasts.$inferInsert)[]) {
  // Slots that left the planogram lose their forecast.
  await ctx.db.delete(slotForecasts).where(eq(slotForecasts.orgId, ctx.orgId));
  for (let i = 0; i < rows.length; i += 1000) await ctx.db.insert(slotForecasts).values(rows.slice(i, i + 1000));
}

/**
 * Whether the plan leaves a slot's predicted sell-out uncovered: the expected sell-out (stock run
 * down by the mean daily demand) falls before the machine's next planned visit (day index, or none
 * within the horizon), and the expected lost margin from now until that visit, counted as the plan
 * counts it, is more than a visit costs. Returns the day it sells out and that margin, or null when
 * covered (the plan visits in time, or waiting costs less than a visit).
 */
function uncoveredSellout(slot: PlannedMachine["slots"][number], nextVisitDay: number | undefined, visitCostMinor: number) {
  const until = nextVisitDay ?? slot.dailyMeans.length;
  const empty = daysToEmpty(slot.stock, slot.dailyMeans);
  if (empty === null || Math.floor(empty) >= until) return null;
  const lostMinor = Math.round(slotLostMarginMinor(planSlotOf(slot), 0, until));
  return lostMinor > visitCostMinor ? { day: Math.floor(empty), lostMinor } : null;
}

async function updateAlerts(ctx: ServiceCtx, predicted: PredictedSellout[], now: Date, settings: { visitCostMinor: number; currency: string }) {
  const open = await ctx.db
    .select({ machineId: alerts.machineId, code: alerts.code })
    .from(alerts)
    .where(and(eq(alerts.orgId, ctx.orgId), eq(alerts.rule, SELLOUT_RULE), sql`${alerts.status} <> 'resolved'`));
  const still = new Set(predicted.map((x) => slotKey(x.machineId, x.code)));
  for (const a of open) {
    if (a.machineId && !still.has(slotKey(a.machineId, a.code))) await resolveAlert(ctx, { machineId: a.machineId, rule: SELLOUT_RULE, code: a.code, at: now });
  }
  const already = new Set(open.map((a) => slotKey(a.machineId ?? "", a.code)));
  for (const x of predicted) {
    // A repeat of an open prediction is not news: its figures (chance, dates, loss) are brought up
    // to date in place, as a state, without counting a repeat or telling anyone again.
    const repeat = already.has(slotKey(x.machineId, x.code));
    await raiseAlert(ctx, {
      ...(repeat ? { mode: "state" as const } : {}),
      machineId: x.machineId,
      rule: SELLOUT_RULE,
      code: x.code,
      severity: "warning",
      at: now,
      data: {
        slot: x.code,
        product: x.product,
        probability: x.p,
        nextVisitDate: x.nextVisit,
        selloutDate: x.selloutDate,
        lostMinor: x.lostMinor,
        visitCostMinor: settings.visitCostMinor,
        currency: settings.currency,
      },
    });
  }
  return predicted.length;
}
