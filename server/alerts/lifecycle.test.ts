import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, notificationDeliveries } from "~/db/schema";
import { fault } from "~/test/alerts";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { addMember, callerFor, createUser } from "~/test/factories";
import { asOwner, createMachineWithPlanogram, sendEvents } from "~/test/machines";
import { callError } from "~/test/trpc-errors";
import { createEndpoint } from "~/server/notifications";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

describe("alert lifecycle", () => {
  it("acknowledge with an assignee, reassign, resolve by hand: each in the timeline and the audit log, with webhooks", async () => {
    const m = await createMachineWithPlanogram(t.db);
    await asOwner(t.db, m.org.id, m.owner.id, (ctx) => createEndpoint(ctx, { url: "http://127.0.0.1:9/hooks", eventTypes: ["alert.acknowledged", "alert.resolved"] }));
    const tech = await addMember(t.db, m.org.id, "technician");
    const viewer = await addMember(t.db, m.org.id, "viewer");
    await sendEvents(t.db, m.machine.id, m.secret, { events: [fault("COIN_JAM", "critical")] });
    const caller = callerFor(t.db, tech);
    const orgId = m.org.id;
    const [listed] = await caller.alerts.list({ orgId });
    expect(listed).toMatchObject({ rule: "machine_fault", code: "COIN_JAM", status: "open", machineName: "Station hall 1", locationName: "Main station" });

    const acknowledged = await caller.alerts.acknowledge({ orgId, alertId: listed!.id });
    expect(acknowledged).toMatchObject({ status: "acknowledged", assigneeId: tech.id, acknowledgedBy: tech.id });
    await caller.alerts.acknowledge({ orgId, alertId: listed!.id });
    await caller.alerts.assign({ orgId, alertId: listed!.id, assigneeId: m.owner.id });
    // A repeat keeps it acknowledged.
    await sendEvents(t.db, m.machine.id, m.secret, { events: [fault("COIN_JAM", "critical")] });
    const stranger = await createUser(t.db);
    expect(await callError(caller.alerts.assign({ orgId, alertId: listed!.id, assigneeId: stranger.id }))).toMatchObject({ code: "BAD_REQUEST" });
    await caller.alerts.resolve({ orgId, alertId: listed!.id, note: "Cleared the coin path" });
    expect(await callError(caller.alerts.acknowledge({ orgId, alertId: listed!.id }))).toMatchObject({ code: "CONFLICT" });

    const detail = await callerFor(t.db, viewer).alerts.get({ orgId, alertId: listed!.id });
    expect(detail.alert).toMatchObject({ status: "resolved", resolution: "manual", count: 2, assigneeId: m.owner.id });
    expect(detail.timeline.map((e) => e.type)).toEqual(["raised", "notified", "acknowledged", "assigned", "assigned", "repeated", "resolved"]);
    expect(detail.timeline.find((e) => e.type === "acknowledged")).toMatchObject({ actorType: "user", actorId: tech.id });
    expect(detail.timeline.at(-1)!.data).toEqual({ note: "Cleared the coin path" });

    const actions = (await t.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.orgId, orgId))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["alert.acknowledged", "alert.assigned", "alert.resolved"]));
    const hooks = await t.db
      .select({ eventType: notificationDeliveries.eventType })
      .from(notificationDeliveries)
      .where(and(eq(notificationDeliveries.orgId, orgId), eq(notificationDeliveries.channel, "webhook")));
    // The endpoint subscribes to acknowledgements and resolutions only; acknowledging twice sends one.
    expect(hooks.map((h) => h.eventType).sort()).toEqual(["alert.acknowledged", "alert.resolved"]);
    expect(await callError(callerFor(t.db, viewer).alerts.acknowledge({ orgId, alertId: listed!.id }))).toMatchObject({ code: "FORBIDDEN" });
  });

  it("acknowledging keeps the assignee someone already has; naming one reassigns", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const tech = await addMember(t.db, m.org.id, "technician");
    const manager = await addMember(t.db, m.org.id, "manager");
    await sendEvents(t.db, m.machine.id, m.secret, { events: [fault("DOOR_SENSOR", "warning"), fault("BILL_JAM", "warning")] });
    const orgId = m.org.id;
    const owner = callerFor(t.db, m.owner);
    const [kept, renamed] = (await owner.alerts.list({ orgId, sort: "firstSeenAt", dir: "asc" })).map((a) => a.id);
    await owner.alerts.assign({ orgId, alertId: kept!, assigneeId: tech.id });
    await owner.alerts.assign({ orgId, alertId: renamed!, assigneeId: tech.id });

    const acknowledged = await callerFor(t.db, manager).alerts.acknowledge({ orgId, alertId: kept! });
    expect(acknowledged).toMatchObject({ status: "acknowledged", assigneeId: tech.id, acknowledgedBy: manager.id });
    const detail = await owner.alerts.get({ orgId, alertId: kept! });
    expect(detail.timeline.filter((e) => e.type !== "notified").map((e) => e.type)).toEqual(["raised", "assigned", "acknowledged"]);

    expect(await callerFor(t.db, manager).alerts.acknowledge({ orgId, alertId: renamed!, assigneeId: manager.id })).toMatchObject({ assigneeId: manager.id });
    expect(await callerFor(t.db, tech).alerts.acknowledge({ orgId, alertId: renamed!, assigneeId: null })).toMatchObject({ assigneeId: null });
  });

  it("lists by state, severity, machine and location, sorted", async () => {
    const m = await createMachineWithPlanogram(t.db);
    await sendEvents(t.db, m.machine.id, m.secret, {
      events: [fault("A_INFO", "info", new Date(Date.now() - 3000)), fault("B_CRIT", "critical", new Date(Date.now() - 2000)), fault("C_WARN", "warning", new Date(Date.now() - 1000))],
    });
    const caller = callerFor(t.db, m.owner);
    const orgId = m.org.id;
    expect((await caller.alerts.list({ orgId })).map((a) => a.code)).toEqual(["C_WARN", "B_CRIT", "A_INFO"]);
    expect((await caller.alerts.list({ orgId, sort: "severity", dir: "desc" })).map((a) => a.code)).toEqual(["B_CRIT", "C_WARN", "A_INFO"]);
    expect((await caller.alerts.list({ orgId, severity: ["critical", "info"] })).map((a) => a.code).sort()).toEqual(["A_INFO", "B_CRIT"]);
    const [crit] = await caller.alerts.list({ orgId, severity: ["critical"] });
    await caller.alerts.resolve({ orgId, alertId: crit!.id });
    expect((await caller.alerts.list({ orgId })).map((a) => a.code)).toEqual(["C_WARN", "A_INFO"]);
    expect((await caller.alerts.list({ orgId, status: ["resolved"] })).map((a) => a.code)).toEqual(["B_CRIT"]);
    expect(await caller.alerts.list({ orgId, machineId: m.machine.id, locationId: m.location.id })).toHaveLength(2);
    expect(await caller.alerts.list({ orgId, locationId: "loc_none" })).toHaveLength(0);
    expect(await callError(caller.alerts.list({ orgId, severity: ["urgent" as "info"] }))).toMatchObject({ code: "BAD_REQUEST" });
  });

  it("validates settings with field errors", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const caller = callerFor(t.db, m.owner);
    const base = { orgId: m.org.id, offlineMinutes: 15, lowStockShare: 0.2, noSalesSensitivity: "normal" as const, doorOpenMinutes: 10, vendFailureCount: 3, vendFailureWindowMinutes: 60 };
    const error = await callError(caller.alerts.updateSettings({ ...base, temperatureMinC: 8, temperatureMaxC: 2 }));
    expect(error).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { temperatureMaxC: ["The maximum must be above the minimum."] } });
    expect(await callError(caller.alerts.updateSettings({ ...base, offlineMinutes: 0, temperatureMinC: null, temperatureMaxC: null }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await caller.alerts.updateSettings({ ...base, offlineMinutes: 45, temperatureMinC: null, temperatureMaxC: 9 })).toMatchObject({ offlineMinutes: 45, temperatureMaxC: 9 });
  });
});
