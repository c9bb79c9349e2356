import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { callerFor, createOrg, invite } from "~/test/factories";
import { createMachineWithPlanogram, sendEvents } from "~/test/machines";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

describe("machines.onboarding", () => {
  it("starts with every step to do in a new organization", async () => {
    const { org, owner } = await createOrg(t.db);
    const progress = await callerFor(t.db, owner).machines.onboarding({ orgId: org.id });
    expect(progress).toMatchObject({
      products: 0,
      machines: 0,
      connectedMachines: 0,
      plannedMachines: 0,
      members: 1,
      pendingInvitations: 0,
      supportEmail: null,
      nextToConnect: null,
      nextToPlan: null,
      complete: false,
    });
    expect(Object.values(progress.done)).toEqual([false, false, false, false, false, false]);
  });

  it("ticks each step from the org's data and is complete once all are done", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const caller = callerFor(t.db, m.owner);
    const orgId = m.org.id;
    const second = await caller.machines.register({ orgId, name: "Lobby", serial: `SN-LOBBY-${orgId.slice(-6)}` });

    let progress = await caller.machines.onboarding({ orgId });
    expect(progress.done).toEqual({ products: true, machine: true, firstEvent: false, planogram: true, team: false, supportEmail: false });
    expect(progress).toMatchObject({ products: 3, machines: 2, plannedMachines: 1, nextToConnect: { id: m.machine.id, name: "Station hall 1" }, nextToPlan: { id: second.machine.id, name: "Lobby" } });

    await sendEvents(t.db, m.machine.id, m.secret, { events: [{ id: "evt-first", type: "machine.heartbeat", occurredAt: new Date().toISOString(), data: {} }] });
    await invite(t.db, m.owner, orgId, "technician");
    const org = await caller.org.get({ orgId });
    await caller.org.update({ orgId, name: org.name, timeZone: org.timeZone, currency: org.currency, supportEmail: "help@example.test" });

    progress = await caller.machines.onboarding({ orgId });
    expect(progress).toMatchObject({ connectedMachines: 1, pendingInvitations: 1, supportEmail: "help@example.test", nextToConnect: { id: second.machine.id }, complete: true });
    expect(Object.values(progress.done).every(Boolean)).toBe(true);
  });

  it("counts only its own org's things", async () => {
    await createMachineWithPlanogram(t.db);
    const { org, owner } = await createOrg(t.db);
    const progress = await callerFor(t.db, owner).machines.onboarding({ orgId: org.id });
    expect(progress).toMatchObject({ products: 0, machines: 0, connectedMachines: 0, plannedMachines: 0 });
  });
});
