import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, cashCollections, locations, routeVisits, serviceVisits, slots } from "~/db/schema";
import { createDeliveryRoute } from "~/server/replenishment";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { addMember, callerFor } from "~/test/factories";
import { asOwner, createMachineWithPlanogram, restock, sendEvents, vend } from "~/test/machines";
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

/** A machine at A1 4, A2 0, B1 3 (counted an hour ago), and a technician who visits it. */
async function visitedMachine() {
  const m = await createMachineWithPlanogram(t.db);
  const earlier = new Date(Date.now() - 60 * 60_000);
  await sendEvents(t.db, m.machine.id, m.secret, { events: [restock([{ slot: "A1", quantity: 4 }, { slot: "B1", quantity: 3 }], earlier)] });
  const tech = await addMember(t.db, m.org.id, "technician");
  const api = callerFor(t.db, tech);
  const base = { orgId: m.org.id, machineId: m.machine.id };
  return { ...m, tech, api, base };
}

describe("undoing a visit", () => {
  it("restores the counts it replaced through the stock path, less what sold since, and keeps the visit marked undone", async () => {
    const m = await visitedMachine();
    const recorded = await m.api.visits.record({ ...m.base, visitKey: key(), counts: [{ slot: "A1", quantity: 10 }, { slot: "B1", quantity: 8 }] });
    expect(recorded.visit.replacedCounts).toEqual([{ slot: "A1", quantity: 4 }, { slot: "B1", quantity: 3 }]);
    expect(await stockOf(m.machine.id)).toEqual({ A1: 10, A2: 0, B1: 8 });
    // One cola sold after the visit: undone, the slot holds what it held before, less that one.
    await sendEvents(t.db, m.machine.id, m.secret, { events: [vend("A1", { at: new Date(recorded.visit.occurredAt.getTime() + 1000) })] });
    expect(await stockOf(m.machine.id)).toEqual({ A1: 9, A2: 0, B1: 8 });

    const undone = await m.api.visits.undo({ orgId: m.org.id, visitId: recorded.visit.id });
    expect(undone.visit).toMatchObject({ id: recorded.visit.id, undoneBy: m.tech.id });
    expect(undone.visit.undoneAt).toBeInstanceOf(Date);
    expect(await stockOf(m.machine.id)).toEqual({ A1: 3, A2: 0, B1: 3 });

    // Kept, not deleted; no service visit remains of it; audited.
    expect(await countRows(t.db, routeVisits, eq(routeVisits.id, recorded.visit.id))).toBe(1);
    expect(await countRows(t.db, serviceVisits, eq(serviceVisits.machineId, m.machine.id))).toBe(1);
    const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.orgId, m.org.id), eq(auditLog.action, "visit.undone")));
    expect(entry).toMatchObject({ actorType: "user", actorId: m.tech.id, targetId: m.machine.id });
    expect(entry!.data).toMatchObject({ visitId: recorded.visit.id, restored: [{ slot: "A1", quantity: 4 }, { slot: "B1", quantity: 3 }] });
    const listed = await m.api.visits.list({ orgId: m.org.id, machineId: m.machine.id });
    expect(listed.map((v) => [v.id, v.undoneAt !== null])).toEqual([[recorded.visit.id, true]]);

    // Once only: a second undo, or a correction of the undone visit, is refused and changes nothing.
    expect(await callError(m.api.visits.undo({ orgId: m.org.id, visitId: recorded.visit.id }))).toMatchObject({ code: "CONFLICT", message: "This visit was undone; record a new visit instead." });
    expect(await callError(m.api.visits.correct({ orgId: m.org.id, visitId: recorded.visit.id, counts: [{ slot: "A1", quantity: 5 }] }))).toMatchObject({ code: "CONFLICT" });
    expect(await stockOf(m.machine.id)).toEqual({ A1: 3, A2: 0, B1: 3 });
    // Resending the visit's key answers the same visit, still undone, and records nothing.
    const again = await m.api.visits.record({ ...m.base, visitKey: recorded.visit.visitKey, counts: [{ slot: "A1", quantity: 10 }, { slot: "B1", quantity: 8 }] });
    expect(again).toMatchObject({ duplicate: true, visit: { id: recorded.visit.id } });
    expect(await stockOf(m.machine.id)).toEqual({ A1: 3, A2: 0, B1: 3 });
  });

  it("is the last visit's only: a later visit or the machine's own restock stands in the way", async () => {
    const m = await visitedMachine();
    const first = await m.api.visits.record({ ...m.base, visitKey: key(), counts: [{ slot: "A1", quantity: 6 }] });
    const second = await m.api.visits.record({ ...m.base, visitKey: key(), counts: [{ slot: "A1", quantity: 7 }] });
    expect(await callError(m.api.visits.undo({ orgId: m.org.id, visitId: first.visit.id }))).toMatchObject({
      code: "CONFLICT",
      message: "Only a machine's last visit can be changed: Station hall 1 was visited or restocked after this one.",
    });
    // Undoing the later visit does not make the earlier one the last: the undo's count is newer still.
    const third = await m.api.visits.record({ ...m.base, visitKey: key(), counts: [{ slot: "A1", quantity: 8 }] });
    await m.api.visits.undo({ orgId: m.org.id, visitId: third.visit.id });
    expect((await stockOf(m.machine.id)).A1).toBe(7);
    expect(await callError(m.api.visits.undo({ orgId: m.org.id, visitId: second.visit.id }))).toMatchObject({ code: "CONFLICT" });
    const fourth = await m.api.visits.record({ ...m.base, visitKey: key(), counts: [{ slot: "A1", quantity: 6 }] });
    await sendEvents(t.db, m.machine.id, m.secret, { events: [restock([{ slot: "A1", quantity: 9 }], new Date(fourth.visit.occurredAt.getTime() + 5000))] });
    expect(await callError(m.api.visits.undo({ orgId: m.org.id, visitId: fourth.visit.id }))).toMatchObject({ code: "CONFLICT" });
    expect((await stockOf(m.machine.id)).A1).toBe(9);
  });

  it("is refused with cash counted at the visit, whose counts can still be corrected", async () => {
    const m = await visitedMachine();
    const recorded = await m.api.visits.record({ ...m.base, visitKey: key(), counts: [{ slot: "A1", quantity: 10 }, { slot: "B1", quantity: 8 }], cashCountedMinor: 1250 });
    expect(await callError(m.api.visits.undo({ orgId: m.org.id, visitId: recorded.visit.id }))).toMatchObject({
      code: "CONFLICT",
      message: "This visit has cash counted attached, so it cannot be undone; correct its counts instead.",
    });
    expect(await countRows(t.db, cashCollections, eq(cashCollections.visitId, recorded.visit.id))).toBe(1);

    const corrected = await m.api.visits.correct({ orgId: m.org.id, visitId: recorded.visit.id, counts: [{ slot: "B1", quantity: 6 }] });
    expect(corrected.visit).toMatchObject({ corrections: 1, counts: [{ slot: "A1", quantity: 10 }, { slot: "B1", quantity: 6 }], undoneAt: null });
    expect(await stockOf(m.machine.id)).toEqual({ A1: 10, A2: 0, B1: 6 });
    // A correction is not a visit of its own; the cash count stays as it was.
    expect(await countRows(t.db, serviceVisits, eq(serviceVisits.machineId, m.machine.id))).toBe(2);
    expect(await countRows(t.db, cashCollections, eq(cashCollections.visitId, recorded.visit.id))).toBe(1);
    const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.orgId, m.org.id), eq(auditLog.action, "visit.corrected")));
    expect(entry!.data).toMatchObject({ from: [{ slot: "A1", quantity: 10 }, { slot: "B1", quantity: 8 }], to: [{ slot: "A1", quantity: 10 }, { slot: "B1", quantity: 6 }] });
  });
});

describe("correcting a visit", () => {
  it("recounts just after the visit, so sales since still count, and may be corrected again then undone", async () => {
    const m = await visitedMachine();
    const recorded = await m.api.visits.record({ ...m.base, visitKey: key(), counts: [{ slot: "A1", quantity: 10 }] });
    await sendEvents(t.db, m.machine.id, m.secret, { events: [vend("A1", { at: new Date(recorded.visit.occurredAt.getTime() + 1000) }), vend("A1", { at: new Date(recorded.visit.occurredAt.getTime() + 2000) })] });
    expect((await stockOf(m.machine.id)).A1).toBe(8);
    await m.api.visits.correct({ orgId: m.org.id, visitId: recorded.visit.id, counts: [{ slot: "A1", quantity: 9 }] });
    expect((await stockOf(m.machine.id)).A1).toBe(7);
    await m.api.visits.correct({ orgId: m.org.id, visitId: recorded.visit.id, counts: [{ slot: "A1", quantity: 10 }] });
    expect((await stockOf(m.machine.id)).A1).toBe(8);
    await m.api.visits.undo({ orgId: m.org.id, visitId: recorded.visit.id });
    // What it replaced (4), less the two sold since.
    expect((await stockOf(m.machine.id)).A1).toBe(2);
  });

  it("checks the counts: slots the visit counted, within capacity", async () => {
    const m = await visitedMachine();
    const recorded = await m.api.visits.record({ ...m.base, visitKey: key(), counts: [{ slot: "A1", quantity: 10 }] });
    const fix = (counts: { slot: string; quantity: number }[]) => callError(m.api.visits.correct({ orgId: m.org.id, visitId: recorded.visit.id, counts }));
    expect(await fix([{ slot: "A2", quantity: 1 }])).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { "counts.0.quantity": ["Slot A2 was not counted at this visit."] } });
    expect(await fix([{ slot: "A1", quantity: 11 }])).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { "counts.0.quantity": ["Slot A1 holds at most 10; check the count."] } });
    expect(await fix([])).toMatchObject({ code: "BAD_REQUEST" });
    expect((await stockOf(m.machine.id)).A1).toBe(10);
  });
});

describe("who may change a visit", () => {
  it("the technician who recorded it or a manager; not another technician; an unknown visit is not found", async () => {
    const m = await visitedMachine();
    const recorded = await m.api.visits.record({ ...m.base, visitKey: key(), counts: [{ slot: "A1", quantity: 10 }] });
    const other = callerFor(t.db, await addMember(t.db, m.org.id, "technician"));
    expect(await callError(other.visits.undo({ orgId: m.org.id, visitId: recorded.visit.id }))).toMatchObject({
      code: "FORBIDDEN",
      message: "Only the technician who recorded this visit, or a manager, can change it.",
    });
    expect(await callError(other.visits.undo({ orgId: m.org.id, visitId: "rvs_missing" }))).toMatchObject({ code: "NOT_FOUND" });
    const manager = callerFor(t.db, await addMember(t.db, m.org.id, "manager"));
    await manager.visits.correct({ orgId: m.org.id, visitId: recorded.visit.id, counts: [{ slot: "A1", quantity: 9 }] });
    await manager.visits.undo({ orgId: m.org.id, visitId: recorded.visit.id });
    expect((await stockOf(m.machine.id)).A1).toBe(4);
  });
});

describe("a visit sent late from a phone's queue", () => {
  it("counts from when it was recorded, never ahead of the server nor more than a week back", async () => {
    const m = await visitedMachine();
    const hourAgo = new Date(Date.now() - 60 * 60_000 + 5000);
    // A vend between the recording and the sending lowers the late count.
    await sendEvents(t.db, m.machine.id, m.secret, { events: [vend("A1", { at: new Date(hourAgo.getTime() + 60_000) })] });
    const late = await m.api.visits.record({ ...m.base, visitKey: key(), recordedAt: hourAgo, counts: [{ slot: "A1", quantity: 10 }] });
    expect(late.visit.occurredAt).toEqual(hourAgo);
    expect((await stockOf(m.machine.id)).A1).toBe(9);

    const ahead = await m.api.visits.record({ ...m.base, visitKey: key(), recordedAt: new Date(Date.now() + 3_600_000), counts: [{ slot: "A1", quantity: 8 }] });
    expect(ahead.visit.occurredAt.getTime()).toBeLessThanOrEqual(Date.now());
    const old = await callerFor(t.db, m.owner).visits.record({ ...m.base, visitKey: key(), recordedAt: new Date("2020-01-01T00:00:00Z"), counts: [{ slot: "B1", quantity: 2 }] });
    expect(Date.now() - old.visit.occurredAt.getTime()).toBeLessThanOrEqual(7 * 24 * 3_600_000 + 60_000);
    expect(Date.now() - old.visit.occurredAt.getTime()).toBeGreaterThan(7 * 24 * 3_600_000 - 60_000);
  });
});

describe("today's route", () => {
  it("lists stops in driving order with directions, and an undone visit's stop is to visit again", async () => {
    const m = await visitedMachine();
    // The machine's location has coordinates.
    await t.db.update(locations).set({ latitude: 52.52, longitude: 13.405, address: "Alexanderplatz 1, Berlin" }).where(eq(locations.id, m.location.id));
    const route = await asOwner(t.db, m.org.id, m.owner.id, (ctx) => createDeliveryRoute(ctx, { name: "Centre", machineIds: [m.machine.id] }));
    const recorded = await m.api.visits.record({ ...m.base, routeId: route.id, visitKey: key(), counts: [{ slot: "A1", quantity: 10 }] });
    const day = await m.api.routes.day({ orgId: m.org.id, routeId: route.id });
    expect(day.orderFrom).toBe("first_stop");
    expect(day.stops.map((s) => [s.machineId, s.directionsUrl, s.visited?.id])).toEqual([
      [m.machine.id, "https://www.google.com/maps/dir/?api=1&destination=52.52,13.405", recorded.visit.id],
    ]);
    expect(day.stops[0]!.visited).toMatchObject({ technicianId: m.tech.id, canRestore: true, cashCounted: false, auditAttached: false });
    await m.api.visits.undo({ orgId: m.org.id, visitId: recorded.visit.id });
    const after = await m.api.routes.day({ orgId: m.org.id, routeId: route.id });
    expect(after.stops.find((s) => s.machineId === m.machine.id)?.visited ?? null).toBeNull();
  });
});
