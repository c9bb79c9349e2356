import { describe, expect, it } from "vitest";
import { withTenant } from "~/db/tenant";
import { jobContext } from "~/server/context";
import { computeForecasts, createDeliveryRoute, updateSettings } from "~/server/replenishment";
import { addDays } from "~/server/time";
import { apiKeyFor, apiTestDatabase, callApi, expectProblem, okJson } from "~/test/api-calls";
import { asOwner, createMachineWithPlanogram, restock, sendEvents, vend } from "~/test/machines";
import { GET as getPlan } from "./route";

const db = apiTestDatabase();

interface PlanBody {
  day: string;
  today: string;
  time_zone: string;
  currency: string;
  stops: number;
  units: number;
  loss_avoided_minor: number;
  routes: {
    route_id: string | null;
    route_name: string | null;
    units: number;
    pick_list: { product_id: string; product_name: string | null; quantity: number }[];
    stops: { machine_id: string; name: string; units: number; lost_if_not_visited_minor: number; loss_avoided_minor: number; fills: { slot: string; quantity: number; product_name: string | null }[] }[];
  }[];
}

const plan = (key: string, query = "") => callApi(getPlan, `/plans${query}`, { key });

/** A machine on route North whose A1 sold six a day for four weeks and has one unit left: the plan visits it as soon as it can. */
async function machineDueSoon() {
  const m = await createMachineWithPlanogram(db().db, { capacity: 10 });
  const now = Date.now();
  const events: unknown[] = [];
  for (let d = 28; d >= 1; d--) {
    const morning = new Date(now - d * 86_400_000);
    events.push(restock([{ slot: "A1", quantity: 10 }, { slot: "A2", quantity: 10 }, { slot: "B1", quantity: 10 }], morning));
    for (let i = 0; i < 6; i++) events.push(vend("A1", { at: new Date(morning.getTime() + (1 + i) * 600_000) }));
  }
  events.push(restock([{ slot: "A1", quantity: 1 }], new Date(now - 60_000)));
  for (let i = 0; i < events.length; i += 400) expect((await sendEvents(db().db, m.machine.id, m.secret, { events: events.slice(i, i + 400) })).status).toBe(200);
  const route = await asOwner(db().db, m.org.id, m.owner.id, async (ctx) => {
    await updateSettings(ctx, { visitCostMinor: 500, fillTo: "capacity", selloutThreshold: 0.95, workingDays: [0, 1, 2, 3, 4, 5, 6] });
    return createDeliveryRoute(ctx, { name: "North", technicianId: null, machineIds: [m.machine.id] });
  });
  await withTenant(db().db, { orgId: m.org.id }, (tx) => computeForecasts(jobContext(tx, { orgId: m.org.id, name: "test" }), { now: new Date(now) }));
  const key = (...scopes: Parameters<typeof apiKeyFor>[3]) => apiKeyFor(db().db, m.owner, m.org.id, scopes);
  return { ...m, route, key };
}

describe("GET /api/v1/plans", () => {
  it("answers the day's stops per route with fills, loss avoided and the pick list; today by default", async () => {
    const mine = await machineDueSoon();
    const key = await mine.key("plans:read");
    const today = await okJson<PlanBody>(await plan(key));
    expect(today).toMatchObject({ day: today.today, time_zone: "Europe/Berlin", currency: "EUR" });
    // Today, or tomorrow once today's working hours are over.
    const tomorrow = await okJson<PlanBody>(await plan(key, `?day=${addDays(today.today, 1)}`));
    const visit = today.stops > 0 ? today : tomorrow;
    expect(visit.stops).toBe(1);
    const [north] = visit.routes;
    expect(north).toMatchObject({ route_id: mine.route.id, route_name: "North" });
    const [stop] = north!.stops;
    expect(stop).toMatchObject({ machine_id: mine.machine.id, name: "Station hall 1" });
    expect(stop!.fills.find((f) => f.slot === "A1")).toMatchObject({ product_name: "Cola 0.33 l", quantity: expect.any(Number) });
    expect(stop!.units).toBeGreaterThan(0);
    expect(stop!.lost_if_not_visited_minor).toBeGreaterThan(0);
    expect(stop!.loss_avoided_minor).toBeGreaterThan(0);
    expect(north!.units).toBe(stop!.units);
    expect(north!.pick_list.reduce((a, p) => a + p.quantity, 0)).toBe(stop!.units);
    expect(visit.loss_avoided_minor).toBe(stop!.loss_avoided_minor);
  });

  it("shows another org's key only its own plan, refuses days outside the plan or malformed with 400, and 403 without the scope", async () => {
    const mine = await machineDueSoon();
    const other = await createMachineWithPlanogram(db().db);
    const theirKey = await apiKeyFor(db().db, other.owner, other.org.id, ["plans:read"]);
    const theirs = await okJson<PlanBody>(await plan(theirKey));
    const tomorrow = await okJson<PlanBody>(await plan(theirKey, `?day=${addDays(theirs.today, 1)}`));
    expect([...theirs.routes, ...tomorrow.routes].flatMap((r) => r.stops).map((s) => s.machine_id)).not.toContain(mine.machine.id);

    const key = await mine.key("plans:read");
    const { today } = await okJson<PlanBody>(await plan(key));
    expect((await expectProblem(await plan(key, `?day=${addDays(today, -1)}`), 400)).errors).toHaveProperty("day");
    expect((await expectProblem(await plan(key, `?day=${addDays(today, 7)}`), 400)).errors).toHaveProperty("day");
    expect((await expectProblem(await plan(key, "?day=2026-02-30"), 400)).errors).toHaveProperty("day");
    expect((await expectProblem(await plan(await mine.key("statistics:read")), 403)).detail).toContain("plans:read");
  });
});
