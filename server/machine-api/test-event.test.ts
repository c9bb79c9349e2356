import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, machineEvents, machines, sales } from "~/db/schema";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { addMember, callerFor, createOrg } from "~/test/factories";
import { createMachineWithPlanogram, sendEvents } from "~/test/machines";
import { countRows } from "~/test/rows";
import { callError } from "~/test/trpc-errors";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const eventsOf = (machineId: string) =>
  t.db.select({ eventId: machineEvents.eventId, type: machineEvents.type }).from(machineEvents).where(eq(machineEvents.machineId, machineId));

describe("machines.sendTestEvent", () => {
  it("ingests a signed heartbeat marked as a test, and the machine's first event shows", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const manager = await addMember(t.db, m.org.id, "manager");
    const caller = callerFor(t.db, manager);
    const input = { orgId: m.org.id, machineId: m.machine.id };

    expect(await caller.machines.connection(input)).toMatchObject({ connected: false, lastSeenAt: null });
    expect((await caller.machines.onboarding({ orgId: m.org.id })).done.firstEvent).toBe(false);

    const sent = await caller.machines.sendTestEvent(input);
    expect(sent).toMatchObject({ machineId: m.machine.id, type: "machine.heartbeat", eventId: expect.stringMatching(/^vendops-test-\d+-[0-9a-f]{8}$/) });

    // The event went through ingest as the machine's own: recorded, and the machine is online.
    expect(await eventsOf(m.machine.id)).toEqual([{ eventId: sent.eventId, type: "machine.heartbeat" }]);
    const connection = await caller.machines.connection(input);
    expect(connection).toMatchObject({ connected: true, status: "online" });
    expect(connection.lastSeenAt).toBeInstanceOf(Date);
    expect((await caller.machines.onboarding({ orgId: m.org.id })).done.firstEvent).toBe(true);
    // Never a sale.
    expect(await countRows(t.db, sales, eq(sales.machineId, m.machine.id))).toBe(0);
    expect(await countRows(t.db, auditLog, and(eq(auditLog.orgId, m.org.id), eq(auditLog.action, "machine.tested"), eq(auditLog.targetId, m.machine.id)))).toBe(1);

    // Each press is a new event; none repeats another.
    const again = await caller.machines.sendTestEvent(input);
    expect(again.eventId).not.toBe(sent.eventId);
    expect(await eventsOf(m.machine.id)).toHaveLength(2);
  });

  it("signs with the current secret after a rotation, which the machine's own requests use too", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const caller = callerFor(t.db, m.owner);
    const { secret } = await caller.machines.rotateSecret({ orgId: m.org.id, machineId: m.machine.id });
    await caller.machines.sendTestEvent({ orgId: m.org.id, machineId: m.machine.id });
    const own = await sendEvents(t.db, m.machine.id, secret, { events: [{ id: "evt-own-1", type: "machine.heartbeat", occurredAt: new Date().toISOString(), data: {} }] });
    expect(own.json.results).toEqual([{ id: "evt-own-1", status: "accepted" }]);
    expect((await eventsOf(m.machine.id)).map((e) => e.eventId.replace(/\d+-[0-9a-f]+$/, "")).sort()).toEqual(["evt-own-1", "vendops-test-"]);
  });

  it("refuses a disabled machine with what to do, and records nothing", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const caller = callerFor(t.db, m.owner);
    await caller.machines.setDisabled({ orgId: m.org.id, machineId: m.machine.id, disabled: true });
    const failure = await callError(caller.machines.sendTestEvent({ orgId: m.org.id, machineId: m.machine.id }));
    expect(failure).toMatchObject({ code: "CONFLICT", message: "Station hall 1 is disabled; enable it before sending a test event." });
    expect(await eventsOf(m.machine.id)).toEqual([]);
    expect(await countRows(t.db, auditLog, and(eq(auditLog.orgId, m.org.id), eq(auditLog.action, "machine.tested")))).toBe(0);
  });

  it("answers NOT_FOUND to another org's member naming a machine they do not own, and writes nothing", async () => {
    const a = await createMachineWithPlanogram(t.db);
    const b = await createOrg(t.db);
    const asB = callerFor(t.db, b.owner);
    for (const orgId of [b.org.id, a.org.id]) {
      const failure = await callError(asB.machines.sendTestEvent({ orgId, machineId: a.machine.id }));
      expect(failure.code).toBe("NOT_FOUND");
      expect(await callError(asB.machines.connection({ orgId, machineId: a.machine.id }))).toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await eventsOf(a.machine.id)).toEqual([]);
    const [row] = await t.db.select({ lastSeenAt: machines.lastSeenAt }).from(machines).where(eq(machines.id, a.machine.id));
    expect(row!.lastSeenAt).toBeNull();
  });

  it("is for managers: a viewer is refused", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const viewer = await addMember(t.db, m.org.id, "viewer");
    const failure = await callError(callerFor(t.db, viewer).machines.sendTestEvent({ orgId: m.org.id, machineId: m.machine.id }));
    expect(failure.code).toBe("FORBIDDEN");
    expect(await eventsOf(m.machine.id)).toEqual([]);
  });
});
