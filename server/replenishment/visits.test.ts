import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, routeVisits, serviceVisits, slots } from "~/db/schema";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { addMember, callerFor } from "~/test/factories";
import { createMachineWithPlanogram, restock, sendEvents, vend } from "~/test/machines";
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
});
