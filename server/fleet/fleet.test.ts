import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, machineSecrets, machines } from "~/db/schema";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { addMember, callerFor, createOrg } from "~/test/factories";
import { createMachineWithPlanogram, sendEvents, eventId } from "~/test/machines";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

describe("fleet", () => {
  it("registers a machine, shows its secret once and keeps it only encrypted", async () => {
    const { org, owner } = await createOrg(t.db);
    const api = callerFor(t.db, owner);
    const location = await api.locations.create({ orgId: org.id, name: "Campus library", kind: "university", latitude: 52.5, longitude: 13.4 });
    const { machine, credentials } = await api.machines.register({ orgId: org.id, name: "Library 1", serial: "LIB-0001", model: "V-300", locationId: location.id });
    expect(machine.id).toMatch(/^mch_[A-Za-z0-9]{22}$/);
    expect(credentials.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const [stored] = await t.db.select().from(machineSecrets).where(eq(machineSecrets.machineId, machine.id));
    expect(stored!.ciphertext).not.toContain(credentials.secret.slice(6, 20));
    const detail = await api.machines.get({ orgId: org.id, machineId: machine.id });
    expect(JSON.stringify(detail)).not.toContain(credentials.secret.slice(6));
    expect(detail.location?.name).toBe("Campus library");
    expect(detail.credentials.currentSince).toBeInstanceOf(Date);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.orgId, org.id));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["location.created", "machine.registered"]));
    await api.locations.create({ orgId: org.id, name: "Empty hall" });
    expect((await api.locations.list({ orgId: org.id })).map((l) => [l.name, l.machineCount])).toEqual([
      ["Campus library", 1],
      ["Empty hall", 0],
    ]);
  });

  it("refuses a duplicate serial and bad input with field errors, writing nothing", async () => {
    const { org, owner } = await createOrg(t.db);
    const api = callerFor(t.db, owner);
    await api.machines.register({ orgId: org.id, name: "A", serial: "SN-1" });
    await expect(api.machines.register({ orgId: org.id, name: "B", serial: "SN-1" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "Another machine already has this serial number.",
    });
    await expect(api.machines.register({ orgId: org.id, name: "", serial: "SN-2" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(api.locations.create({ orgId: org.id, name: "X", latitude: 123 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await t.db.select().from(machines).where(eq(machines.orgId, org.id))).toHaveLength(1);
  });

  it("lists machines with status, fill and open faults; filters, searches and sorts", async () => {
    const m = await createMachineWithPlanogram(t.db, { capacity: 10 });
    const api = callerFor(t.db, m.owner);
    await api.machines.register({ orgId: m.org.id, name: "Spare", serial: "SPARE-1" });
    await sendEvents(t.db, m.machine.id, m.secret, {
      events: [
        { id: eventId(), type: "inventory.restocked", occurredAt: new Date(Date.now() - 60_000).toISOString(), data: { slots: [{ slot: "A1", quantity: 10 }, { slot: "A2", quantity: 5 }] } },
        { id: eventId(), type: "machine.fault", occurredAt: new Date().toISOString(), data: { code: "COOLING", severity: "warning" } },
      ],
    });
    const all = await api.machines.list({ orgId: m.org.id, sort: "fill", direction: "desc" });
    expect(all.map((x) => x.name)).toEqual(["Station hall 1", "Spare"]);
    expect(all[0]).toMatchObject({ status: "online", openFaults: 1, emptySlots: 1, locationName: "Main station" });
    expect(all[0]!.fill).toBeCloseTo(15 / 30);
    // Registered but never heard from: not "offline", which would mean it fell silent.
    expect(all[1]).toMatchObject({ status: "never_connected", fill: null });
    expect((await api.machines.list({ orgId: m.org.id, status: ["never_connected"] })).map((x) => x.name)).toEqual(["Spare"]);
    expect(await api.machines.list({ orgId: m.org.id, status: ["offline"] })).toEqual([]);
    expect((await api.machines.list({ orgId: m.org.id, search: "hall" })).map((x) => x.name)).toEqual(["Station hall 1"]);
    expect((await api.machines.list({ orgId: m.org.id, search: "100%_" }))).toEqual([]);
    const events = await api.machines.events({ orgId: m.org.id, machineId: m.machine.id, limit: 1 });
    expect(events.events).toHaveLength(1);
    const next = await api.machines.events({ orgId: m.org.id, machineId: m.machine.id, cursor: events.nextCursor });
    expect(next.events).toHaveLength(1);
    expect(next.nextCursor).toBeUndefined();
  });

  it("lets managers change the fleet and viewers only look", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const viewer = callerFor(t.db, await addMember(t.db, m.org.id, "viewer"));
    const manager = callerFor(t.db, await addMember(t.db, m.org.id, "manager"));
    expect(await viewer.machines.list({ orgId: m.org.id })).toHaveLength(1);
    await expect(viewer.machines.setDisabled({ orgId: m.org.id, machineId: m.machine.id, disabled: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const disabled = await manager.machines.setDisabled({ orgId: m.org.id, machineId: m.machine.id, disabled: true });
    expect(disabled.status).toBe("disabled");
    const enabled = await manager.machines.setDisabled({ orgId: m.org.id, machineId: m.machine.id, disabled: false });
    expect(enabled).toMatchObject({ status: "offline", disabledAt: null });
  });

  it("hides one operator's fleet from another", async () => {
    const a = await createMachineWithPlanogram(t.db);
    const b = await createOrg(t.db);
    const intruder = callerFor(t.db, b.owner);
    expect(await intruder.machines.list({ orgId: b.org.id })).toEqual([]);
    await expect(intruder.machines.get({ orgId: b.org.id, machineId: a.machine.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(intruder.machines.rotateSecret({ orgId: b.org.id, machineId: a.machine.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(intruder.machines.setDisabled({ orgId: b.org.id, machineId: a.machine.id, disabled: true })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(intruder.planogram.set({ orgId: b.org.id, machineId: a.machine.id, slots: [] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(intruder.machines.list({ orgId: a.org.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(intruder.machines.register({ orgId: b.org.id, name: "X", serial: "Y", locationId: a.location.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const [machine] = await t.db.select().from(machines).where(eq(machines.id, a.machine.id));
    expect(machine!.disabledAt).toBeNull();
  });
});
