import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alerts, auditLog, cashCollections, machineAudits, machineReportHours, machines, routeVisits, serviceVisits, slots } from "~/db/schema";
import { dexBytes } from "~/test/dex";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { addMember, callerFor, createUser } from "~/test/factories";
import { asOwner, createMachineWithPlanogram, restock, sendEvents, vend } from "~/test/machines";
import { sweepOfflineMachines } from "~/server/alerts";
import { countRows } from "~/test/rows";
import { callError } from "~/test/trpc-errors";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

async function stockOf(machineId: string) {
  const rows = await t.db.select({ code: slots.code, stock: slots.stock }).from(slots).where(eq(slots.machineId, machineId)).orderBy(slots.code);
  return Object.fromEntries(rows.map((r) => [r.code, r.stock]));
}

const key = () => `vk-${Math.random().toString(36).slice(2, 12)}`;
const counts = [
  { slot: "A1", quantity: 10 },
  { slot: "B1", quantity: 7 },
];

describe("recording a visit", () => {
  it("updates stock exactly as an inventory.restocked event does, and later vends lower it", async () => {
    const byTech = await createMachineWithPlanogram(t.db);
    const byMachine = await createMachineWithPlanogram(t.db);
    const earlier = new Date(Date.now() - 60 * 60_000);
    for (const m of [byTech, byMachine]) {
      const sent = await sendEvents(t.db, m.machine.id, m.secret, { events: [restock([{ slot: "A1", quantity: 4 }, { slot: "B1", quantity: 3 }], earlier), vend("A1", { at: new Date(earlier.getTime() + 60_000) })] });
      expect(sent.status).toBe(200);
    }

    const tech = await addMember(t.db, byTech.org.id, "technician");
    const recorded = await callerFor(t.db, tech).visits.record({ orgId: byTech.org.id, machineId: byTech.machine.id, visitKey: key(), counts });
    expect(recorded.duplicate).toBe(false);
    const at = recorded.visit.occurredAt;
    await sendEvents(t.db, byMachine.machine.id, byMachine.secret, { events: [restock(counts, at)] });
    expect(await stockOf(byTech.machine.id)).toEqual(await stockOf(byMachine.machine.id));
    expect(await stockOf(byTech.machine.id)).toEqual({ A1: 10, A2: 0, B1: 7 });

    // A vend that happened after the visit but arrives later lowers the count by one; one from before does not.
    const after = new Date(at.getTime() + 2000);
    const before = new Date(at.getTime() - 2000);
    for (const m of [byTech, byMachine]) {
      await sendEvents(t.db, m.machine.id, m.secret, { events: [vend("A1", { at: after }), vend("B1", { at: before })] });
    }
    expect(await stockOf(byTech.machine.id)).toEqual({ A1: 9, A2: 0, B1: 7 });
    expect(await stockOf(byTech.machine.id)).toEqual(await stockOf(byMachine.machine.id));

    // It is a service visit like the machine's own, attributed to the technician and audited.
    const [visit] = await t.db.select().from(serviceVisits).where(eq(serviceVisits.eventId, recorded.visit.eventId));
    expect(visit).toMatchObject({ machineId: byTech.machine.id, externalId: recorded.visit.visitKey });
    expect(recorded.visit.technicianId).toBe(tech.id);
    const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.orgId, byTech.org.id), eq(auditLog.action, "visit.recorded")));
    expect(entry).toMatchObject({ actorType: "user", actorId: tech.id, targetId: byTech.machine.id });
  });

  it("records a double submit once", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const tech = await addMember(t.db, m.org.id, "technician");
    const api = callerFor(t.db, tech);
    const visitKey = key();
    const input = { orgId: m.org.id, machineId: m.machine.id, visitKey, counts };
    const [a, b] = await Promise.all([api.visits.record(input), api.visits.record(input)]);
    const c = await api.visits.record(input);
    expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
    expect(c).toMatchObject({ duplicate: true, visit: { id: a.visit.id } });
    expect(await countRows(t.db, routeVisits, eq(routeVisits.machineId, m.machine.id))).toBe(1);
    expect(await countRows(t.db, serviceVisits, eq(serviceVisits.machineId, m.machine.id))).toBe(1);
    expect(await countRows(t.db, auditLog, and(eq(auditLog.orgId, m.org.id), eq(auditLog.action, "visit.recorded")))).toBe(1);
  });

  it("refuses counts for unknown slots or above capacity with field errors, and viewers", async () => {
    const m = await createMachineWithPlanogram(t.db, { capacity: 10 });
    const tech = await addMember(t.db, m.org.id, "technician");
    const api = callerFor(t.db, tech);
    const base = { orgId: m.org.id, machineId: m.machine.id };
    expect(await callError(api.visits.record({ ...base, visitKey: key(), counts: [{ slot: "A1", quantity: 11 }] }))).toMatchObject({
      code: "BAD_REQUEST",
      message: "Slot A1 holds at most 10; check the count.",
      fieldErrors: { "counts.0.quantity": ["Slot A1 holds at most 10; check the count."] },
    });
    expect(await callError(api.visits.record({ ...base, visitKey: key(), counts: [{ slot: "Z9", quantity: 1 }] }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await callError(api.visits.record({ ...base, visitKey: "x", counts }))).toMatchObject({ code: "BAD_REQUEST" });
    const viewer = await addMember(t.db, m.org.id, "viewer");
    expect(await callError(callerFor(t.db, viewer).visits.record({ ...base, visitKey: key(), counts }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await stockOf(m.machine.id)).toEqual({ A1: 0, A2: 0, B1: 0 });
  });

  it("is not the machine reporting: a silent machine stays offline with its last seen, uptime and offline alert", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const heardAt = new Date(Date.now() - 3 * 60 * 60_000);
    expect((await sendEvents(t.db, m.machine.id, m.secret, { events: [restock(counts, heardAt)] })).status).toBe(200);
    // The machine was last heard three hours ago (the server received it then).
    await t.db.update(machines).set({ lastSeenAt: heardAt }).where(eq(machines.id, m.machine.id));
    await asOwner(t.db, m.org.id, m.owner.id, (ctx) => sweepOfflineMachines(ctx, new Date()));
    const api = callerFor(t.db, m.owner);
    const before = await api.machines.get({ orgId: m.org.id, machineId: m.machine.id });
    expect(before.machine.status).toBe("offline");
    const hoursBefore = await countRows(t.db, machineReportHours, eq(machineReportHours.machineId, m.machine.id));

    const tech = await addMember(t.db, m.org.id, "technician", await createUser(t.db, { name: "Ada Restock" }));
    await callerFor(t.db, tech).visits.record({ orgId: m.org.id, machineId: m.machine.id, visitKey: key(), counts: [{ slot: "A1", quantity: 9 }] });

    const after = await api.machines.get({ orgId: m.org.id, machineId: m.machine.id });
    expect(after.machine).toMatchObject({ status: "offline", lastSeenAt: heardAt });
    expect((await api.machines.list({ orgId: m.org.id, status: ["offline"] })).map((x) => x.id)).toEqual([m.machine.id]);
    expect(await countRows(t.db, machineReportHours, eq(machineReportHours.machineId, m.machine.id))).toBe(hoursBefore);
    const [offline] = await t.db.select().from(alerts).where(and(eq(alerts.machineId, m.machine.id), eq(alerts.rule, "machine_offline")));
    expect(offline?.status).toBe("open");
    // The count itself is applied.
    expect((await stockOf(m.machine.id)).A1).toBe(9);
  });

  it("shows who recorded it, by name, wherever visits are listed", async () => {
    const m = await createMachineWithPlanogram(t.db);
    await sendEvents(t.db, m.machine.id, m.secret, { events: [restock([{ slot: "A1", quantity: 1 }], new Date(Date.now() - 60_000))] });
    const tech = await addMember(t.db, m.org.id, "technician", await createUser(t.db, { name: "Grace Fill" }));
    const { visit } = await callerFor(t.db, tech).visits.record({ orgId: m.org.id, machineId: m.machine.id, visitKey: key(), counts });
    const api = callerFor(t.db, m.owner);

    const { events } = await api.machines.events({ orgId: m.org.id, machineId: m.machine.id, types: ["inventory.restocked"] });
    expect(events.map((e) => e.recordedBy)).toEqual(["Grace Fill", null]);
    expect(events[0]!.eventId).toBe(visit.eventId);
    expect(await api.visits.list({ orgId: m.org.id, machineId: m.machine.id })).toMatchObject([{ id: visit.id, technicianName: "Grace Fill" }]);
  });
});

describe("a visit with the machine's audit file and a cash count", () => {
  it("keeps the audit against the visit and records the counted cash against the expected, with the variance", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const tech = await addMember(t.db, m.org.id, "technician");
    // 4 cash sales of 2.50 since the machine was last emptied: 10.00 expected.
    const sold = Array.from({ length: 4 }, (_, i) => vend("A1", { at: new Date(Date.now() - (30 - i) * 60_000), method: "cash" }));
    await sendEvents(t.db, m.machine.id, m.secret, { events: [restock(counts, new Date(Date.now() - 60 * 60_000)), ...sold] });
    const file = dexBytes({ serial: m.machine.serial, paid: { count: 4, value: 1000 }, cash: 1000, cashless: 0, selections: [{ selection: "11", price: 250, count: 4 }] });
    const visitKey = key();
    const call = () =>
      callerFor(t.db, tech).visits.record({
        orgId: m.org.id,
        machineId: m.machine.id,
        visitKey,
        counts,
        cashCountedMinor: 950,
        audit: { name: "dex-visit.txt", contentBase64: file.toString("base64") },
      });
    const recorded = await call();
    expect(recorded.audit).toMatchObject({ status: "accepted", crc: "ok", paidVends: { count: 4, valueMinor: 1000 } });
    expect(recorded.cash).toEqual({ expectedMinor: 1000, countedMinor: 950, varianceMinor: -50, currency: "EUR" });
    const [stored] = await t.db.select({ source: machineAudits.source, visitId: machineAudits.visitId, fileName: machineAudits.fileName }).from(machineAudits).where(eq(machineAudits.machineId, m.machine.id));
    expect(stored).toEqual({ source: "visit", visitId: recorded.visit.id, fileName: "dex-visit.txt" });
    // Sent again (a retry from the phone): the same visit, nothing recorded twice.
    expect((await call()).duplicate).toBe(true);
    expect(await countRows(t.db, machineAudits, eq(machineAudits.machineId, m.machine.id))).toBe(1);
    expect(await countRows(t.db, cashCollections, eq(cashCollections.machineId, m.machine.id))).toBe(1);
  });

  it("refuses a visit whose audit file cannot be read, and records none of it", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const tech = await addMember(t.db, m.org.id, "technician");
    const failure = await callError(
      callerFor(t.db, tech).visits.record({
        orgId: m.org.id,
        machineId: m.machine.id,
        visitKey: key(),
        counts,
        cashCountedMinor: 100,
        audit: { name: "broken.dex", contentBase64: dexBytes({ serial: m.machine.serial, truncated: true }).toString("base64") },
      }),
    );
    expect(failure).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("broken.dex") });
    expect(await countRows(t.db, routeVisits, eq(routeVisits.machineId, m.machine.id))).toBe(0);
    expect(await countRows(t.db, cashCollections, eq(cashCollections.machineId, m.machine.id))).toBe(0);
  });
});
