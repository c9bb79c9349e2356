import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { addMember, callerFor } from "~/test/factories";
import { auditLog, notificationDeliveries, notifications, planAcceptances } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { jobContext } from "~/server/context";
import { asOwner, createMachineWithPlanogram, restock, sendEvents, vend } from "~/test/machines";
import { createDeliveryRoute } from "./delivery-routes";
import { computeForecasts } from "./forecast-run";
import { needsAttention } from "./needs-attention";
import { acceptTodaysPlan } from "./plan-acceptance";
import { updateSettings } from "./settings";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

// 08:00 in Berlin on a Friday: A1 sold six a day for four weeks and has one unit left, so today's
// plan visits the machine.
const now = new Date("2026-11-20T07:00:00Z");

async function machineDueToday() {
  const m = await createMachineWithPlanogram(t.db, { capacity: 10 });
  const events: unknown[] = [];
  for (let d = 28; d >= 1; d--) {
    const morning = new Date(now.getTime() - d * 86_400_000);
    events.push(restock([{ slot: "A1", quantity: 10 }, { slot: "A2", quantity: 10 }, { slot: "B1", quantity: 10 }], morning));
    for (let i = 0; i < 6; i++) events.push(vend("A1", { at: new Date(morning.getTime() + (3 + i) * 3600_000) }));
  }
  events.push(restock([{ slot: "A1", quantity: 1 }], new Date(now.getTime() - 3600_000)));
  for (let i = 0; i < events.length; i += 400) {
    expect((await sendEvents(t.db, m.machine.id, m.secret, { events: events.slice(i, i + 400) }, { serverNow: now.getTime(), timestamp: now })).status).toBe(200);
  }
  await asOwner(t.db, m.org.id, m.owner.id, (ctx) => updateSettings(ctx, { visitCostMinor: 500, fillTo: "capacity", selloutThreshold: 0.95, workingDays: [0, 1, 2, 3, 4, 5, 6] }));
  await withTenant(t.db, { orgId: m.org.id }, (tx) => computeForecasts(jobContext(tx, { orgId: m.org.id, name: "test" }), { now }));
  return m;
}

describe("accepting today's plan", () => {
  it("keeps the day's stops, tells the route's technician in the app and by e-mail, once, and shows on the home page", async () => {
    const m = await machineDueToday();
    const technician = await addMember(t.db, m.org.id, "technician");
    const manager = await addMember(t.db, m.org.id, "manager");
    const route = await asOwner(t.db, m.org.id, m.owner.id, (ctx) =>
      createDeliveryRoute(ctx, { name: "North", technicianId: technician.id, machineIds: [m.machine.id] }),
    );

    const before = await asOwner(t.db, m.org.id, m.owner.id, (ctx) => needsAttention(ctx, { now }));
    expect(before.acceptance).toBeNull();
    expect(before.visitsToday).toBe(1);

    const accepted = await asOwner(t.db, m.org.id, manager.id, (ctx) => acceptTodaysPlan(ctx, { now }));
    expect(accepted).toMatchObject({ alreadyAccepted: false, day: "2026-11-20", stops: 1, unassignedStops: 0, notified: [technician.name] });
    expect(accepted.acceptedByName).toBe(manager.name);

    const rows = await withTenant(t.db, { orgId: m.org.id }, async (tx) => ({
      acceptances: await tx.select().from(planAcceptances).where(eq(planAcceptances.orgId, m.org.id)),
      inApp: await tx.select().from(notifications).where(eq(notifications.orgId, m.org.id)),
      mails: await tx.select().from(notificationDeliveries).where(and(eq(notificationDeliveries.orgId, m.org.id), eq(notificationDeliveries.eventType, "plan.accepted"))),
      audit: await tx.select().from(auditLog).where(and(eq(auditLog.orgId, m.org.id), eq(auditLog.action, "plan.accepted"))),
    }));
    expect(rows.acceptances).toHaveLength(1);
    expect(rows.acceptances[0]!.stops).toEqual([{ machineId: m.machine.id, name: m.machine.name, routeId: route.id, units: expect.any(Number) }]);
    const told = rows.inApp.filter((n) => n.title.startsWith("Today's route"));
    expect(told.map((n) => n.userId)).toEqual([technician.id]);
    expect(told[0]!.title).toMatch(/^Today's route: 1 stop, \d+ units?$/);
    expect(told[0]!.body).toContain(m.machine.name);
    expect(told[0]!.link).toBe("/routes/today");
    expect(rows.mails).toHaveLength(1);
    expect(rows.mails[0]!.userId).toBe(technician.id);
    expect(rows.mails[0]!.payload).toMatchObject({ to: technician.email, subject: expect.stringContaining("Today's route") });
    expect(rows.audit).toHaveLength(1);

    // A second press (another manager, the same day) shows the first acceptance and tells nobody again.
    const again = await asOwner(t.db, m.org.id, m.owner.id, (ctx) => acceptTodaysPlan(ctx, { now }));
    expect(again).toMatchObject({ alreadyAccepted: true, acceptedByName: manager.name });
    const after = await withTenant(t.db, { orgId: m.org.id }, async (tx) => ({
      inApp: await tx.select().from(notifications).where(eq(notifications.orgId, m.org.id)),
      mails: await tx.select().from(notificationDeliveries).where(and(eq(notificationDeliveries.orgId, m.org.id), eq(notificationDeliveries.eventType, "plan.accepted"))),
    }));
    expect(after.inApp.filter((n) => n.title.startsWith("Today's route"))).toHaveLength(1);
    expect(after.mails).toHaveLength(1);

    const home = await asOwner(t.db, m.org.id, m.owner.id, (ctx) => needsAttention(ctx, { now }));
    expect(home.acceptance).toMatchObject({ day: "2026-11-20", stops: 1, notified: [technician.name] });

    // Another org's home shows no acceptance of this one.
    const other = await createMachineWithPlanogram(t.db);
    const otherHome = await asOwner(t.db, other.org.id, other.owner.id, (ctx) => needsAttention(ctx, { now }));
    expect(otherHome.acceptance).toBeNull();
  });

  it("counts stops nobody can be told about: no route, or a route without a technician", async () => {
    const m = await machineDueToday();
    const accepted = await asOwner(t.db, m.org.id, m.owner.id, (ctx) => acceptTodaysPlan(ctx, { now }));
    expect(accepted).toMatchObject({ stops: 1, unassignedStops: 1, notified: [] });
  });

  it("is for managers and up: a technician or a viewer is refused", async () => {
    const m = await createMachineWithPlanogram(t.db);
    for (const role of ["technician", "viewer"] as const) {
      const member = await addMember(t.db, m.org.id, role);
      await expect(callerFor(t.db, member).plans.acceptToday({ orgId: m.org.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });
});
