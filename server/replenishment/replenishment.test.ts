import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alerts, slotForecasts } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { addMember, callerFor, createOrg } from "~/test/factories";
import { asOwner, createMachineWithPlanogram, restock, sendEvents, vend } from "~/test/machines";
import { callError } from "~/test/trpc-errors";
import { rollUpOrg } from "~/server/analytics";
import { jobContext, type ServiceCtx } from "~/server/context";
import { addDays, localDay } from "~/server/time";
import { SELLOUT_RULE } from "./contract";
import { MODEL_VERSION } from "./demand-model";
import { formatMoney } from "~/server/money";
import { machinesToVisit } from "./fleet-plan";
import { computeForecasts } from "./forecast-run";
import { forecastStalestOrgs } from "./forecast-sweep";
import { deliveryRouteDay } from "./pick-list";
import { getPlanView } from "./plan-view";
import { updateSettings } from "./settings";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const DAY = 86_400_000;

/**
 * A machine with four weeks of history before `now`: A1 restocked every morning and selling six a
 * day, A2 given three units two weeks ago and empty since, B1 never sold. A1 is left with one unit.
 */
async function machineWithHistory(now: Date) {
  const m = await createMachineWithPlanogram(t.db, { capacity: 10 });
  const events: unknown[] = [];
  for (let d = 28; d >= 1; d--) {
    const morning = new Date(now.getTime() - d * DAY);
    events.push(restock([{ slot: "A1", quantity: 10 }], morning));
    for (let i = 0; i < 6; i++) events.push(vend("A1", { at: new Date(morning.getTime() + (3 + i) * 3600_000) }));
    if (d === 14) events.push(restock([{ slot: "A2", quantity: 3 }], morning));
    if (d <= 14 && d >= 12) events.push(vend("A2", { at: new Date(morning.getTime() + 4 * 3600_000), price: 150 }));
  }
  events.push(restock([{ slot: "A1", quantity: 1 }], new Date(now.getTime() - 3600_000)));
  for (let i = 0; i < events.length; i += 400) {
    const res = await sendEvents(t.db, m.machine.id, m.secret, { events: events.slice(i, i + 400) }, { serverNow: now.getTime(), timestamp: now });
    expect(res.status).toBe(200);
  }
  return m;
}

const asJob = <T>(orgId: string, fn: (ctx: ServiceCtx) => Promise<T>) =>
  withTenant(t.db, { orgId }, (tx) => fn(jobContext(tx, { orgId, name: "test" })));

describe("the forecast job", () => {
  // 08:00 in Berlin on a Friday: most of the day's demand is still ahead.
  const now = new Date("2026-11-20T07:00:00Z");

  it("stores forecasts with their inputs, corrects for sold-out days and raises predicted sell-outs", async () => {
    const m = await machineWithHistory(now);
    // Weighing lost margin only (no cost for empty slot-hours), a visit this week does not pay.
    await asOwner(t.db, m.org.id, m.owner.id, (ctx) => updateSettings(ctx, { visitCostMinor: 2500, fillTo: "capacity", selloutThreshold: 0.5, emptySlotHourMinor: 0 }));
    const result = await forecastStalestOrgs(t.db, { job: { name: "replenishment-forecast", deadline: Date.now() + 60_000 }, now });
    expect(result.rowsTouched).toBeGreaterThanOrEqual(3);

    const rows = await t.db.select().from(slotForecasts).where(eq(slotForecasts.machineId, m.machine.id)).orderBy(slotForecasts.slotCode);
    expect(rows.map((r) => r.slotCode)).toEqual(["A1", "A2", "B1"]);
    const [a1, a2] = rows;
    expect(a1).toMatchObject({ modelVersion: MODEL_VERSION, windowEnd: addDays(localDay(now, "Europe/Berlin"), -1), stock: 1, computedAt: now });
    expect(a1!.level).toBeGreaterThan(5);
    expect(a1!.level).toBeLessThan(7);
    // A2 sat empty for eleven days: those days are left out, not read as no demand.
    expect(a2!.censoredDays).toBeGreaterThanOrEqual(10);
    expect(a1!.selloutProbability).toBeGreaterThan(0.9);

    const open = await t.db.select().from(alerts).where(and(eq(alerts.machineId, m.machine.id), eq(alerts.rule, SELLOUT_RULE)));
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ code: "A1", status: "open", severity: "warning" });
    // No visit this week: the alert says why it is not covered.
    expect(open[0]!.message).toMatch(/^Slot A1 \(Cola 0\.33 l\) sells out Fri 20 Nov, no visit planned this week: [\d.]+ EUR lost over the week, more than a visit \([\d.]+ EUR\)/);

    // Read from the daily rollup once it has the sales, the history is the same: each sale counts once.
    await rollUpOrg(t.db, { id: m.org.id, timeZone: "Europe/Berlin" });
    await asJob(m.org.id, (ctx) => computeForecasts(ctx, { now }));
    const [rolled] = await t.db.select().from(slotForecasts).where(and(eq(slotForecasts.machineId, m.machine.id), eq(slotForecasts.slotCode, "A1")));
    expect(rolled!.level).toBeCloseTo(a1!.level, 4);

    // Running again keeps one alert; when the prediction no longer holds it is resolved.
    await asJob(m.org.id, (ctx) => computeForecasts(ctx, { now }));
    expect(await t.db.select().from(alerts).where(and(eq(alerts.machineId, m.machine.id), eq(alerts.rule, SELLOUT_RULE)))).toHaveLength(1);
    // Its figures follow the latest forecast, in place and without counting a repeat: a dearer visit shows in its text.
    const visitCost = Number(open[0]!.message.match(/more than a visit \(([\d.]+) EUR\)/)![1]);
    await asOwner(t.db, m.org.id, m.owner.id, (ctx) => updateSettings(ctx, { visitCostMinor: Math.round(visitCost * 100) + 1, fillTo: "capacity", selloutThreshold: 0.5 }));
    await asJob(m.org.id, (ctx) => computeForecasts(ctx, { now }));
    const [updated, ...more] = await t.db.select().from(alerts).where(and(eq(alerts.machineId, m.machine.id), eq(alerts.rule, SELLOUT_RULE)));
    expect(more).toEqual([]);
    expect(updated).toMatchObject({ id: open[0]!.id, status: "open", count: open[0]!.count });
    expect(updated!.message).toContain(`more than a visit (${(visitCost + 0.01).toFixed(2)} EUR)`);
    await sendEvents(t.db, m.machine.id, m.secret, { events: [restock([{ slot: "A1", quantity: 10 }], new Date(now.getTime() - 60_000))] }, { serverNow: now.getTime(), timestamp: now });
    // Working every day: with Mon-Fri the next visit would be Monday and the weekend would empty A1.
    await asOwner(t.db, m.org.id, m.owner.id, (ctx) => updateSettings(ctx, { visitCostMinor: 500, fillTo: "capacity", selloutThreshold: 0.95, workingDays: [0, 1, 2, 3, 4, 5, 6] }));
    await asJob(m.org.id, (ctx) => computeForecasts(ctx, { now }));
    const after = await t.db.select().from(alerts).where(and(eq(alerts.machineId, m.machine.id), eq(alerts.rule, SELLOUT_RULE)));
    expect(after.map((a) => a.status)).toEqual(["resolved"]);
  });

  it("opens a predicted sell-out only when the plan does not cover it, saying why", async () => {
    const m = await machineWithHistory(now);
    const selloutAlerts = () => t.db.select().from(alerts).where(and(eq(alerts.machineId, m.machine.id), eq(alerts.rule, SELLOUT_RULE)));
    const settings = { visitCostMinor: 500, fillTo: "capacity" as const, selloutThreshold: 0.5, sameDayCutoff: "12:00" };
    // Visits any day: the plan sends someone today, before A1 runs dry. Plans shows it; no alert.
    await asOwner(t.db, m.org.id, m.owner.id, (ctx) => updateSettings(ctx, { ...settings, workingDays: [0, 1, 2, 3, 4, 5, 6] }));
    await asJob(m.org.id, (ctx) => computeForecasts(ctx, { now }));
    expect(await selloutAlerts()).toEqual([]);
    // A visit costing more than the margin lost by waiting: the plan covers it by not visiting.
    await asOwner(t.db, m.org.id, m.owner.id, (ctx) => updateSettings(ctx, { ...settings, visitCostMinor: 9_000_000, workingDays: [0] }));
    await asJob(m.org.id, (ctx) => computeForecasts(ctx, { now }));
    expect(await selloutAlerts()).toEqual([]);

    // Mondays only: A1 sells out on Friday, and the weekend's lost margin is more than a visit.
    await asOwner(t.db, m.org.id, m.owner.id, (ctx) => updateSettings(ctx, { ...settings, workingDays: [0] }));
    await asJob(m.org.id, (ctx) => computeForecasts(ctx, { now }));
    const [raised, ...others] = await selloutAlerts();
    expect(others).toEqual([]);
    expect(raised).toMatchObject({ code: "A1", status: "open", data: { selloutDate: "2026-11-20", nextVisitDate: "2026-11-23", visitCostMinor: 500, currency: "EUR" } });
    expect((raised!.data as { lostMinor: number }).lostMinor).toBeGreaterThan(500);
    expect(raised!.message).toMatch(/^Slot A1 \(Cola 0\.33 l\) sells out Fri 20 Nov, next planned visit Mon 23 Nov: [\d.]+ EUR lost in between, more than a visit \(5\.00 EUR\)\. \d+% likely\.$/);

    // Back to every day: covered again, and the open alert resolves.
    await asOwner(t.db, m.org.id, m.owner.id, (ctx) => updateSettings(ctx, { ...settings, workingDays: [0, 1, 2, 3, 4, 5, 6] }));
    await asJob(m.org.id, (ctx) => computeForecasts(ctx, { now }));
    expect((await selloutAlerts()).map((a) => a.status)).toEqual(["resolved"]);
  });

  it("plans a visit for a machine about to run dry, with a pick list within capacity", async () => {
    const m = await machineWithHistory(now);
    const api = callerFor(t.db, m.owner);
    // A full fill of A1 saves at most 10 x 1.60; a visit must cost less to be worth making.
    await api.plans.updateSettings({ orgId: m.org.id, visitCostMinor: 800, fillTo: "capacity", selloutThreshold: 0.5 });
    await api.plans.refresh({ orgId: m.org.id });
    const tech = await addMember(t.db, m.org.id, "technician");
    const route = await api.routes.create({ orgId: m.org.id, name: "Centre", technicianId: tech.id, machineIds: [m.machine.id] });

    const plan = await api.plans.get({ orgId: m.org.id });
    const machine = plan.machines.find((x) => x.machineId === m.machine.id)!;
    expect(machine.nextVisit).not.toBeNull();
    expect(machine.route).toMatchObject({ id: route.id, name: "Centre" });
    const day = machine.nextVisit!;
    const visiting = await asOwner(t.db, m.org.id, m.owner.id, (ctx) => machinesToVisit(ctx, { day }));
    expect(visiting.map((v) => v.machineId)).toEqual([m.machine.id]);
    // Its reason reads in the caller's language, the money formatted for it.
    expect(visiting[0]!.reason).toMatch(/^\d+ units? to fill · €\d+\.\d\d at risk this week$/);
    const inChinese = await asOwner(t.db, m.org.id, m.owner.id, (ctx) => machinesToVisit(ctx, { day, locale: "zh-CN" }));
    expect(inChinese[0]!.reason).toBe(`待补 ${visiting[0]!.units} 件 · 本周可能损失 ${formatMoney(visiting[0]!.atRiskMinor, "EUR", { locale: "zh-CN" })}`);
    // The overview's "machines to visit today" is today's part of the same plan.
    const today = await api.analytics.machinesToVisit({ orgId: m.org.id });
    expect(today.map((v) => v.machineId)).toEqual(day === plan.today ? [m.machine.id] : []);

    const routeDay = await callerFor(t.db, tech).routes.day({ orgId: m.org.id, routeId: route.id, day });
    expect(routeDay.stops.map((s) => s.machineId)).toEqual([m.machine.id]);
    for (const f of routeDay.stops[0]!.fills) expect(f.quantity).toBeLessThanOrEqual(f.capacity);
    const a1 = routeDay.pickList.find((l) => l.productSku === "COLA-033")!;
    expect(a1.quantity).toBeGreaterThan(0);
    expect(a1.quantity).toBeLessThanOrEqual(10);
    expect(routeDay.totalUnits).toBe(routeDay.pickList.reduce((a, l) => a + l.quantity, 0));
    expect((await callerFor(t.db, tech).routes.mine({ orgId: m.org.id })).mine.map((r) => r.id)).toEqual([route.id]);

    expect(await callError(api.routes.day({ orgId: m.org.id, routeId: route.id, day: "2001-01-01" }))).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { day: [expect.stringContaining("Choose a day")] } });
  });

  it("plans on working days only, after the cut-off from the next one, and within a route's capacity", async () => {
    const m = await machineWithHistory(now);
    const api = callerFor(t.db, m.owner);
    expect(await api.plans.settings({ orgId: m.org.id })).toMatchObject({ workingDays: [0, 1, 2, 3, 4], workStart: "07:00", workEnd: "17:00", sameDayCutoff: "14:00", saved: false });
    expect(await callError(api.plans.updateSettings({ orgId: m.org.id, visitCostMinor: 800, fillTo: "capacity", selloutThreshold: 0.5, workStart: "09:00", workEnd: "08:00" }))).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { workEnd: ["End the working day after it starts."] },
    });
    expect(await callError(api.plans.updateSettings({ orgId: m.org.id, visitCostMinor: 800, fillTo: "capacity", selloutThreshold: 0.5, workingDays: [] }))).toMatchObject({
      fieldErrors: { workingDays: ["Choose at least one working day."] },
    });
    // 08:00 on a Friday in Berlin, past a 07:30 cut-off: Friday is closed, the weekend is off.
    await api.plans.updateSettings({ orgId: m.org.id, visitCostMinor: 800, fillTo: "capacity", selloutThreshold: 0.5, sameDayCutoff: "07:30" });
    expect(await api.plans.settings({ orgId: m.org.id })).toMatchObject({ workingDays: [0, 1, 2, 3, 4], workStart: "07:00", workEnd: "17:00", sameDayCutoff: "07:30", saved: true });
    await asJob(m.org.id, (ctx) => computeForecasts(ctx, { now }));
    const view = () => asOwner(t.db, m.org.id, m.owner.id, (ctx) => getPlanView(ctx, { now }));
    const plan = await view();
    expect(plan.today).toBe("2026-11-20");
    expect(plan.openDays).toEqual([false, false, false, true, true, true, true]);
    const planned = plan.machines.find((x) => x.machineId === m.machine.id)!;
    expect(planned.nextVisit).toBe("2026-11-23");
    expect(planned.days.filter((d) => d.visit).every((d) => plan.openDays[plan.dates.indexOf(d.date)])).toBe(true);

    // A route that works Saturdays and carries 3 units a day: Saturday, with the fill cut to 3.
    const route = await api.routes.create({ orgId: m.org.id, name: "Weekend", machineIds: [m.machine.id], workingDays: [5], maxUnits: 3 });
    expect(route).toMatchObject({ workingDays: [5], maxStops: null, maxUnits: 3 });
    const onRoute = (await view()).machines.find((x) => x.machineId === m.machine.id)!;
    expect(onRoute.nextVisit).toBe("2026-11-21");
    expect(onRoute.units).toBe(3);
    expect(onRoute.notes).toContain("Sat's fill cut to 3 units: route full");
    const routeDay = await asOwner(t.db, m.org.id, m.owner.id, (ctx) => deliveryRouteDay(ctx, { routeId: route.id, day: "2026-11-21", now }));
    expect(routeDay.totalUnits).toBe(3);
    expect(await callError(api.routes.update({ orgId: m.org.id, routeId: route.id, name: "Weekend", maxStops: 0 }))).toMatchObject({
      fieldErrors: { maxStops: ["Allow at least one stop a day, or leave it empty."] },
    });
  });

  it("visits nothing when the visit cost outweighs what could be lost", async () => {
    const m = await machineWithHistory(now);
    const api = callerFor(t.db, m.owner);
    await api.plans.updateSettings({ orgId: m.org.id, visitCostMinor: 9_000_000, fillTo: "par", selloutThreshold: 0.5 });
    await api.plans.refresh({ orgId: m.org.id });
    const plan = await api.plans.get({ orgId: m.org.id });
    expect(plan.settings).toMatchObject({ visitCostMinor: 9_000_000, fillTo: "par", saved: true });
    expect(plan.machines.find((x) => x.machineId === m.machine.id)!.nextVisit).toBeNull();
  });
});

describe("routes", () => {
  it("are created, changed and deleted with a technician and machines, and audited", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const api = callerFor(t.db, m.owner);
    const tech = await addMember(t.db, m.org.id, "technician");
    const viewer = await addMember(t.db, m.org.id, "viewer");
    const north = await api.routes.create({ orgId: m.org.id, name: "North", technicianId: tech.id, machineIds: [m.machine.id] });
    expect(north).toMatchObject({ name: "North", technician: { id: tech.id }, machines: [{ id: m.machine.id }] });

    expect(await callError(api.routes.create({ orgId: m.org.id, name: "North" }))).toMatchObject({ code: "CONFLICT", fieldErrors: { name: ["Another route already has this name."] } });
    expect(await callError(api.routes.create({ orgId: m.org.id, name: "West", technicianId: viewer.id }))).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { technicianId: ["Choose a member with the technician role or above."] },
    });
    expect(await callError(api.routes.create({ orgId: m.org.id, name: "" }))).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { name: ["Enter a name."] } });

    // A machine is on one route at most: putting it on another takes it off the first.
    const south = await api.routes.create({ orgId: m.org.id, name: "South", machineIds: [m.machine.id] });
    const list = await api.routes.list({ orgId: m.org.id });
    expect(list.map((r) => [r.name, r.machines.length])).toEqual([
      ["North", 0],
      ["South", 1],
    ]);
    await api.routes.update({ orgId: m.org.id, routeId: south.id, name: "South-east", technicianId: null, machineIds: [] });
    await api.routes.delete({ orgId: m.org.id, routeId: north.id });
    expect((await api.routes.list({ orgId: m.org.id })).map((r) => r.name)).toEqual(["South-east"]);
    const audit = await api.audit.list({ orgId: m.org.id, action: "route.created" });
    expect(audit.entries).toHaveLength(2);
  });

  it("of one org are invisible to and unchangeable by another", async () => {
    const a = await createMachineWithPlanogram(t.db);
    const { org: orgB, owner: ownerB } = await createOrg(t.db);
    const asA = callerFor(t.db, a.owner);
    const asB = callerFor(t.db, ownerB);
    const route = await asA.routes.create({ orgId: a.org.id, name: "A only", machineIds: [a.machine.id] });
    await asA.visits.record({ orgId: a.org.id, machineId: a.machine.id, visitKey: "tenancy-visit-1", counts: [{ slot: "A1", quantity: 3 }] });

    expect(await asB.routes.list({ orgId: orgB.id })).toEqual([]);
    expect(await asB.visits.list({ orgId: orgB.id })).toEqual([]);
    expect((await asB.plans.get({ orgId: orgB.id })).machines).toEqual([]);
    // B cannot put A's machine on its route, nor record a visit at it.
    expect(await callError(asB.routes.create({ orgId: orgB.id, name: "Grab", machineIds: [a.machine.id] }))).toMatchObject({ code: "NOT_FOUND" });
    expect(
      await callError(asB.visits.record({ orgId: orgB.id, machineId: a.machine.id, visitKey: "tenancy-visit-2", counts: [{ slot: "A1", quantity: 9 }] })),
    ).toMatchObject({ code: "NOT_FOUND" });
    // Same visit key in another org is another visit, not a duplicate of A's.
    expect((await asA.routes.get({ orgId: a.org.id, routeId: route.id })).machines).toHaveLength(1);
  });
});
