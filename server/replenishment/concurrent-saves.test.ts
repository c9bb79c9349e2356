import { and, eq, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alerts, deliveryRouteMachines, slotForecasts } from "~/db/schema";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { callerFor } from "~/test/factories";
import { asOwner, createMachineWithPlanogram, restock, sendEvents, vend } from "~/test/machines";
import { registerMachine } from "~/server/fleet";
import { addDays, localDay, weekdayOf } from "~/server/time";
import { SELLOUT_RULE } from "./contract";
import { forecastOrg } from "./forecast-sweep";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

// On Postgres each call runs in its own transaction on its own connection, at the same moment;
// PGlite has one connection and runs them one after another, which must give the same end state.
// Each call gets a caller of its own, as separate HTTP requests have their own context.

/** A machine whose A1 sold two a day for a week and is down to its last unit. */
async function sellingMachine() {
  const m = await createMachineWithPlanogram(t.db, { capacity: 10 });
  const day = 86_400_000;
  const start = Date.now() - 7 * day;
  const events: unknown[] = [restock([{ slot: "A1", quantity: 10 }, { slot: "A2", quantity: 10 }], new Date(start))];
  for (let d = 0; d < 6; d++) events.push(vend("A1", { at: new Date(start + d * day + 2 * 3600_000) }), vend("A1", { at: new Date(start + d * day + 5 * 3600_000) }));
  events.push(restock([{ slot: "A1", quantity: 1 }], new Date(Date.now() - 3600_000)));
  expect((await sendEvents(t.db, m.machine.id, m.secret, { events })).status).toBe(200);
  return m;
}

describe("plans.refresh at the same moment", () => {
  it("lets every refresh (and the hourly job) finish, leaving one forecast per slot and one alert per predicted sell-out", async () => {
    const m = await sellingMachine();
    const api = callerFor(t.db, m.owner);
    // Visits only on yesterday's weekday: the plan cannot come before A1 runs dry, so the sell-out is alerted.
    const workingDays = [weekdayOf(addDays(localDay(new Date(), "Europe/Berlin"), -1))];
    await api.plans.updateSettings({ orgId: m.org.id, visitCostMinor: 100, fillTo: "capacity", selloutThreshold: 0.05, workingDays });
    const refresh = () => callerFor(t.db, m.owner).plans.refresh({ orgId: m.org.id });
    const results = await Promise.allSettled([refresh(), refresh(), refresh(), forecastOrg(t.db, { orgId: m.org.id, job: "replenishment-forecast" })]);
    expect(results.map((r) => (r.status === "rejected" ? String(r.reason) : "ok"))).toEqual(["ok", "ok", "ok", "ok"]);

    const stored = await t.db.select().from(slotForecasts).where(eq(slotForecasts.orgId, m.org.id));
    expect(stored.map((f) => f.slotCode).sort()).toEqual(["A1", "A2", "B1"]);
    // All from one run: a later refresh replaced the earlier ones whole.
    expect(new Set(stored.map((f) => f.computedAt.getTime())).size).toBe(1);
    const open = await t.db.select().from(alerts).where(and(eq(alerts.machineId, m.machine.id), eq(alerts.rule, SELLOUT_RULE), ne(alerts.status, "resolved")));
    expect(open.map((a) => a.code)).toEqual(["A1"]);
    // Raised once; the later runs found it open and kept it.
    expect(open[0]!.count).toBe(1);
  });
});

describe("routes saved at the same moment", () => {
  it("applies the same save twice without failing, leaving the route's machines once each", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const second = await asOwner(t.db, m.org.id, m.owner.id, (ctx) => registerMachine(ctx, { name: "Hall 2", serial: `SN2-${m.org.id.slice(-6)}` }));
    const api = callerFor(t.db, m.owner);
    const route = await api.routes.create({ orgId: m.org.id, name: "North", machineIds: [] });
    const save = { orgId: m.org.id, routeId: route.id, name: "North loop", machineIds: [second.machine.id, m.machine.id] };
    const saved = await Promise.all([callerFor(t.db, m.owner).routes.update(save), callerFor(t.db, m.owner).routes.update(save)]);
    for (const r of saved) expect(r.machines.map((x) => x.id)).toEqual([second.machine.id, m.machine.id]);
    const stops = await t.db.select().from(deliveryRouteMachines).where(eq(deliveryRouteMachines.routeId, route.id));
    expect(stops.map((s) => [s.machineId, s.position]).sort()).toEqual([[m.machine.id, 1], [second.machine.id, 0]].sort());
  });

  it("gives a machine claimed by two new routes at once to exactly one of them", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const second = await asOwner(t.db, m.org.id, m.owner.id, (ctx) => registerMachine(ctx, { name: "Hall 2", serial: `SN2-${m.org.id.slice(-6)}` }));
    const [east, west] = await Promise.all([
      callerFor(t.db, m.owner).routes.create({ orgId: m.org.id, name: "East", machineIds: [m.machine.id, second.machine.id] }),
      callerFor(t.db, m.owner).routes.create({ orgId: m.org.id, name: "West", machineIds: [second.machine.id, m.machine.id] }),
    ]);
    const stops = await t.db.select().from(deliveryRouteMachines).where(eq(deliveryRouteMachines.orgId, m.org.id));
    expect(stops.map((s) => s.machineId).sort()).toEqual([m.machine.id, second.machine.id].sort());
    for (const s of stops) expect([east.id, west.id]).toContain(s.routeId);
  });

  it("refuses a rename to a name another route took at the same moment with 409, not 500", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const api = callerFor(t.db, m.owner);
    const a = await api.routes.create({ orgId: m.org.id, name: "A", machineIds: [] });
    const b = await api.routes.create({ orgId: m.org.id, name: "B", machineIds: [] });
    const rename = (routeId: string) => callerFor(t.db, m.owner).routes.update({ orgId: m.org.id, routeId, name: "Centre", machineIds: [] });
    const results = await Promise.allSettled([rename(a.id), rename(b.id)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected");
    expect(refused?.reason).toMatchObject({ code: "CONFLICT", message: "Another route already has this name." });
  });

  it("deletes a route clicked twice once: the second click finds it gone", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const api = callerFor(t.db, m.owner);
    const route = await api.routes.create({ orgId: m.org.id, name: "Gone", machineIds: [m.machine.id] });
    const remove = () => callerFor(t.db, m.owner).routes.delete({ orgId: m.org.id, routeId: route.id });
    const results = await Promise.allSettled([remove(), remove()]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")?.reason).toMatchObject({ code: "NOT_FOUND" });
    expect(await t.db.select().from(deliveryRouteMachines).where(eq(deliveryRouteMachines.routeId, route.id))).toHaveLength(0);
  });
});
