import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, cashCollections } from "~/db/schema";
import { defaultAlertSettings, updateAlertSettings } from "~/server/alerts";
import { registerMachine } from "~/server/fleet";
import { alertsOf } from "~/test/alerts";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { createUser } from "~/test/factories";
import { asOwner, createMachineWithPlanogram, eventId, sendEvents, vend } from "~/test/machines";
import { checkCashVariance, recordCashCount, type RecordCashCountInput } from ".";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

type Machine = Awaited<ReturnType<typeof createMachineWithPlanogram>>;
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
const cashVend = (price: number, at: Date) => vend("A1", { method: "cash", price, at });
const collected = (amountMinor: number, at: Date) => ({ id: eventId(), type: "cash.collected", occurredAt: at.toISOString(), data: { amountMinor, currency: "EUR" } });
const send = (m: Machine, events: unknown[]) => sendEvents(t.db, m.machine.id, m.secret, { events });
let keys = 0;
const key = () => `count-${Date.now().toString(36)}-${++keys}`;
const count = (m: Machine, input: Omit<RecordCashCountInput, "machineId" | "key"> & { key?: string }) =>
  asOwner(t.db, m.org.id, m.owner.id, (ctx) => recordCashCount(ctx, { machineId: m.machine.id, key: key(), ...input }));
const collectionsOf = (machineId: string) => t.db.select().from(cashCollections).where(eq(cashCollections.machineId, machineId)).orderBy(cashCollections.occurredAt);

describe("a technician's cash count", () => {
  it("is recorded with what was expected at that moment and the variance; a repeated key records it once", async () => {
    const m = await createMachineWithPlanogram(t.db);
    await send(m, [cashVend(250, ago(60)), cashVend(250, ago(50)), cashVend(250, ago(40)), cashVend(250, ago(30))]);
    const k = key();
    const first = await count(m, { key: k, countedMinor: 900, occurredAt: ago(20), note: "Two coins stuck in the chute" });
    expect(first).toMatchObject({ duplicate: false, reconciled: false });
    expect(first.collection).toMatchObject({
      source: "technician",
      countKey: k,
      amountMinor: 900,
      countedMinor: 900,
      expectedMinor: 1000,
      varianceMinor: -100,
      periodStart: null,
      technicianId: m.owner.id,
      currency: "EUR",
      note: "Two coins stuck in the chute",
    });
    // 100 short is under the default threshold (max of 200 and 2 % of 1000).
    expect(await alertsOf(t.db, m.machine.id, "cash_variance")).toEqual([]);
    const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.orgId, m.org.id), eq(auditLog.action, "cash.counted")));
    expect(audit).toMatchObject({ actorId: m.owner.id, targetId: m.machine.id, data: expect.objectContaining({ collectionId: first.collection.id, expectedMinor: 1000, countedMinor: 900 }) });

    const again = await count(m, { key: k, countedMinor: 950 });
    expect(again).toMatchObject({ duplicate: true, collection: { id: first.collection.id, countedMinor: 900 } });
    expect(await collectionsOf(m.machine.id)).toHaveLength(1);

    // The next count's period starts at this one.
    await send(m, [cashVend(250, ago(10))]);
    const next = await count(m, { countedMinor: 250 });
    expect(next.collection).toMatchObject({ expectedMinor: 250, varianceMinor: 0, periodStart: first.collection.occurredAt });
  });

  it("refuses a key used on another machine, a count dated ahead, a technician from outside and a route of nowhere", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const k = key();
    await count(m, { key: k, countedMinor: 0 });
    const other = await asOwner(t.db, m.org.id, m.owner.id, (ctx) => registerMachine(ctx, { name: "Second", serial: `SN-2-${m.org.id.slice(-6)}` }));
    await expect(
      asOwner(t.db, m.org.id, m.owner.id, (ctx) => recordCashCount(ctx, { machineId: other.machine.id, key: k, countedMinor: 0 })),
    ).rejects.toMatchObject({ code: "cash.key_taken", kind: "CONFLICT" });
    await expect(count(m, { countedMinor: 0, occurredAt: new Date(Date.now() + 3_600_000) })).rejects.toMatchObject({ code: "cash.counted_in_future" });
    const stranger = await createUser(t.db);
    await expect(count(m, { countedMinor: 0, technicianId: stranger.id })).rejects.toMatchObject({ code: "cash.technician_not_member" });
    await expect(count(m, { countedMinor: 0, routeId: "rte_nowhere" })).rejects.toMatchObject({ code: "cash.route_not_found" });
    await expect(
      asOwner(t.db, m.org.id, m.owner.id, (ctx) => recordCashCount(ctx, { machineId: "mch_nowhere", key: key(), countedMinor: 0 })),
    ).rejects.toMatchObject({ code: "common.not_found" });
  });

  it("completes the machine's own report of the same visit instead of adding a second emptying", async () => {
    const m = await createMachineWithPlanogram(t.db);
    await send(m, [cashVend(250, ago(40)), cashVend(250, ago(30)), collected(520, ago(20)), cashVend(150, ago(10))]);
    const result = await count(m, { countedMinor: 480 });
    expect(result.reconciled).toBe(true);
    const [only] = await collectionsOf(m.machine.id);
    expect(only).toMatchObject({ id: result.collection.id, source: "machine", amountMinor: 520, countedMinor: 480, expectedMinor: 500, varianceMinor: -20 });
    expect(only).toMatchObject({ technicianId: m.owner.id, variancePending: false });
    expect(await collectionsOf(m.machine.id)).toHaveLength(1);
  });

  it("is completed by the machine's report of the same emptying that arrives after it, instead of a second emptying", async () => {
    const m = await createMachineWithPlanogram(t.db);
    await send(m, [cashVend(250, ago(40)), cashVend(250, ago(30)), cashVend(150, ago(10))]);
    // The technician counts first; the machine, offline for a while, reports emptying its box at -20 min later on.
    const result = await count(m, { countedMinor: 480 });
    expect(result.collection).toMatchObject({ source: "technician", expectedMinor: 650 });
    const report = collected(520, ago(20));
    expect((await send(m, [report])).status).toBe(200);
    const [only, ...others] = await collectionsOf(m.machine.id);
    expect(others).toEqual([]);
    expect(only).toMatchObject({ id: result.collection.id, source: "machine", amountMinor: 520, countedMinor: 480, expectedMinor: 500, varianceMinor: -20, technicianId: m.owner.id });
    // The same report again changes nothing.
    expect((await send(m, [report])).status).toBe(200);
    expect(await collectionsOf(m.machine.id)).toEqual([only]);
  });

  it("is an emptying of its own when the machine's last report is older than a visit", async () => {
    const m = await createMachineWithPlanogram(t.db);
    await send(m, [collected(0, ago(13 * 60)), cashVend(250, ago(30))]);
    const result = await count(m, { countedMinor: 250 });
    expect(result).toMatchObject({ reconciled: false, collection: { source: "technician", expectedMinor: 250, varianceMinor: 0 } });
    expect(await collectionsOf(m.machine.id)).toHaveLength(2);
  });
});

describe("the cash variance alert", () => {
  it("is raised at the minimum amount and not below it", async () => {
    const below = await createMachineWithPlanogram(t.db);
    await send(below, [cashVend(500, ago(30)), cashVend(500, ago(20))]);
    await count(below, { countedMinor: 850 });
    expect(await alertsOf(t.db, below.machine.id, "cash_variance")).toEqual([]);

    const beyond = await createMachineWithPlanogram(t.db);
    await send(beyond, [cashVend(500, ago(30)), cashVend(500, ago(20))]);
    const { collection } = await count(beyond, { countedMinor: 800 });
    const [alert] = await alertsOf(t.db, beyond.machine.id, "cash_variance");
    expect(alert).toMatchObject({ status: "open", severity: "warning", code: collection.id });
    expect(alert!.data).toEqual({ collectionId: collection.id, expectedMinor: 1000, countedMinor: 800, varianceMinor: -200, currency: "EUR", technician: beyond.owner.name });
    expect(alert!.message).toBe("Cash counted 8.00 EUR is 2.00 EUR short of the expected 10.00 EUR.");
  });

  it("is raised at the org's percent of what was expected and not below it", async () => {
    const m = await createMachineWithPlanogram(t.db);
    await asOwner(t.db, m.org.id, m.owner.id, (ctx) => updateAlertSettings(ctx, { ...defaultAlertSettings, cashVariancePercent: 10, cashVarianceMinMinor: 0 }));
    await send(m, [cashVend(2_500, ago(50)), cashVend(2_500, ago(45))]);
    await count(m, { countedMinor: 4_600, occurredAt: ago(40) }); // 400 short of 5000: under 10 %
    expect(await alertsOf(t.db, m.machine.id, "cash_variance")).toEqual([]);
    await send(m, [cashVend(2_500, ago(30)), cashVend(2_500, ago(25))]);
    const { collection } = await count(m, { countedMinor: 5_500 }); // 500 over 5000: 10 %
    const [alert] = await alertsOf(t.db, m.machine.id, "cash_variance");
    expect(alert).toMatchObject({ code: collection.id, data: expect.objectContaining({ expectedMinor: 5_000, varianceMinor: 500 }) });
    expect(alert!.message).toContain("is 5.00 EUR over the expected 50.00 EUR");
  });

  it("is raised for a machine's report by the check after the commit, once, and cleared by a count that matches", async () => {
    const m = await createMachineWithPlanogram(t.db);
    await send(m, [cashVend(500, ago(30)), cashVend(500, ago(25)), collected(700, ago(20))]);
    expect(await alertsOf(t.db, m.machine.id, "cash_variance")).toEqual([]);
    const [pending] = await collectionsOf(m.machine.id);
    expect(pending).toMatchObject({ variancePending: true, varianceMinor: -300 });

    expect(await checkCashVariance(t.db)).toBeGreaterThanOrEqual(1);
    await checkCashVariance(t.db);
    const alerts = await alertsOf(t.db, m.machine.id, "cash_variance");
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ status: "open", code: pending!.id, count: 1, data: expect.objectContaining({ countedMinor: 700, technician: null }) });
    expect((await collectionsOf(m.machine.id))[0]).toMatchObject({ variancePending: false });

    // The technician counts the box: the machine's figure was wrong, the cash is all there.
    await count(m, { countedMinor: 1_000 });
    const [cleared] = await alertsOf(t.db, m.machine.id, "cash_variance");
    expect(cleared).toMatchObject({ status: "resolved", resolution: "auto" });
  });
});
