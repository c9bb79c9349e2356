import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "~/db/ids";
import { alertEvents, alerts, cashCollections, cashPayouts, sales } from "~/db/schema";
import { alertsOf, timelineOf } from "~/test/alerts";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { asOwner, createMachineWithPlanogram, eventId, sendEvents, vend } from "~/test/machines";
import { expectedCash, fleetExpectedCash, recordPayout } from ".";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
const cashVend = (price: number, at: Date, ok = true) => vend("A1", { method: "cash", price, at, ok });
const collected = (amountMinor: number, at: Date, id = eventId()) => ({ id, type: "cash.collected", occurredAt: at.toISOString(), data: { amountMinor, currency: "EUR" } });
const collectionsOf = (machineId: string) => t.db.select().from(cashCollections).where(eq(cashCollections.machineId, machineId)).orderBy(cashCollections.occurredAt);

/** A cash sale inferred from two DEX audits of a machine without telemetry. */
async function inferredCashSale(m: Awaited<ReturnType<typeof createMachineWithPlanogram>>, priceMinor: number, at: Date) {
  await t.db.insert(sales).values({
    id: newId("sal"),
    orgId: m.org.id,
    machineId: m.machine.id,
    eventId: eventId(),
    locationId: m.location.id,
    slotCode: "A2",
    productId: m.products.water.id,
    status: "succeeded",
    priceMinor,
    costMinor: 0,
    currency: "EUR",
    paymentMethod: "cash",
    occurredAt: at,
    inferred: true,
  });
}

describe("expected cash", () => {
  it("is the succeeded cash vends since the last collection, inferred ones too, less cash paid back", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const send = (events: unknown[]) => sendEvents(t.db, m.machine.id, m.secret, { events });
    const emptied = ago(120);
    await send([collected(900, emptied)]);
    await send([
      cashVend(250, ago(130)), // before the last collection: not in the box any more
      cashVend(250, ago(60)),
      cashVend(150, ago(50)),
      vend("A1", { method: "card", price: 250, at: ago(45) }),
      cashVend(180, ago(30), false), // failed: not a sale; the customer is owed 1.80 back by hand
    ]);
    await inferredCashSale(m, 200, ago(40));

    const before = await asOwner(t.db, m.org.id, m.owner.id, (ctx) => expectedCash(ctx, { machineId: m.machine.id }));
    expect(before).toMatchObject({ salesMinor: 600, paidBackMinor: 0, expectedMinor: 600, currency: "EUR" });
    expect(before.periodStart).toEqual(emptied);

    const [owed] = await alertsOf(t.db, m.machine.id, "cash_refund_owed");
    await asOwner(t.db, m.org.id, m.owner.id, (ctx) => recordPayout(ctx, { alertId: owed!.id }));
    const after = await asOwner(t.db, m.org.id, m.owner.id, (ctx) => expectedCash(ctx, { machineId: m.machine.id }));
    expect(after).toMatchObject({ salesMinor: 600, paidBackMinor: 180, expectedMinor: 420 });
    // At a moment before the payout, it was not paid back yet.
    const earlier = await asOwner(t.db, m.org.id, m.owner.id, (ctx) => expectedCash(ctx, { machineId: m.machine.id, at: ago(35) }));
    expect(earlier).toMatchObject({ salesMinor: 600, paidBackMinor: 0, expectedMinor: 600 });

    const fleet = await asOwner(t.db, m.org.id, m.owner.id, (ctx) => fleetExpectedCash(ctx));
    expect(fleet).toEqual([expect.objectContaining({ machineId: m.machine.id, expectedMinor: 420, lastCollectedAt: before.periodStart })]);
  });

  it("reads every machine of the fleet in one query, machines never emptied from their first sale", async () => {
    const m = await createMachineWithPlanogram(t.db);
    await sendEvents(t.db, m.machine.id, m.secret, { events: [cashVend(250, ago(300)), cashVend(250, ago(200))] });
    const fleet = await asOwner(t.db, m.org.id, m.owner.id, (ctx) => fleetExpectedCash(ctx));
    expect(fleet).toEqual([expect.objectContaining({ machineId: m.machine.id, machineName: "Station hall 1", locationName: "Main station", expectedMinor: 500, lastCollectedAt: null })]);
  });
});

describe("a machine's cash.collected", () => {
  it("gets what was expected and the variance, its period starting at the previous collection", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const send = (events: unknown[]) => sendEvents(t.db, m.machine.id, m.secret, { events });
    await send([cashVend(250, ago(50)), cashVend(250, ago(40)), vend("A1", { method: "card", at: ago(35) })]);
    await send([collected(500, ago(30))]);
    // A vend reported in the same batch as the collection counts.
    const second = collected(200, ago(10));
    const res = await send([cashVend(250, ago(20)), second]);
    expect(res.json.results!.map((r) => r.status)).toEqual(["accepted", "accepted"]);

    const [first, latest] = await collectionsOf(m.machine.id);
    expect(first).toMatchObject({ source: "machine", amountMinor: 500, countedMinor: 500, expectedMinor: 500, varianceMinor: 0, periodStart: null, variancePending: true });
    expect(latest).toMatchObject({ source: "machine", eventId: second.id, countedMinor: 200, expectedMinor: 250, varianceMinor: -50 });
    expect(latest!.periodStart).toEqual(first!.occurredAt);
  });

  it("is recorded once however often the machine repeats the event", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const event = collected(1_000, ago(5));
    await sendEvents(t.db, m.machine.id, m.secret, { events: [event] });
    const again = await sendEvents(t.db, m.machine.id, m.secret, { events: [event, event] });
    expect(again.json.results!.map((r) => r.status)).toEqual(["duplicate", "duplicate"]);
    expect(await collectionsOf(m.machine.id)).toHaveLength(1);
  });

  it("splits a batch of several collections at each one", async () => {
    const m = await createMachineWithPlanogram(t.db);
    await sendEvents(t.db, m.machine.id, m.secret, {
      events: [cashVend(250, ago(40)), collected(250, ago(30)), cashVend(150, ago(20)), cashVend(150, ago(15)), collected(280, ago(10))],
    });
    const [a, b] = await collectionsOf(m.machine.id);
    expect(a).toMatchObject({ expectedMinor: 250, varianceMinor: 0, periodStart: null });
    expect(b).toMatchObject({ expectedMinor: 300, varianceMinor: -20 });
    expect(b!.periodStart).toEqual(a!.occurredAt);
  });
});

describe("a cash payout", () => {
  it("pays back every failed cash vend the alert counts, resolves it once; a second call answers with the same payout", async () => {
    const m = await createMachineWithPlanogram(t.db);
    // A card failure is refunded by the provider, not in cash.
    await sendEvents(t.db, m.machine.id, m.secret, { events: [cashVend(180, ago(10), false), vend("A1", { ok: false, at: ago(9) }), cashVend(150, ago(8), false)] });
    const [owed] = await alertsOf(t.db, m.machine.id, "cash_refund_owed");
    expect(owed).toMatchObject({ status: "open", count: 2, data: expect.objectContaining({ amountMinor: 150 }) });
    const pay = () => asOwner(t.db, m.org.id, m.owner.id, (ctx) => recordPayout(ctx, { alertId: owed!.id, note: "Coins handed back to the customer" }));
    const first = await pay();
    expect(first).toMatchObject({ duplicate: false, payout: { amountMinor: 330, currency: "EUR", machineId: m.machine.id, alertId: owed!.id, paidBy: m.owner.id } });
    expect(first.payout.saleId).toBe((owed!.data as { saleId: string }).saleId);
    const [resolved] = await alertsOf(t.db, m.machine.id, "cash_refund_owed");
    expect(resolved).toMatchObject({ status: "resolved", resolution: "manual" });
    const lifecycle = async () => (await timelineOf(t.db, owed!.id)).filter((type) => type !== "notified");
    expect(await lifecycle()).toEqual(["raised", "repeated", "resolved"]);
    const [resolvedEvent] = await t.db.select().from(alertEvents).where(and(eq(alertEvents.alertId, owed!.id), eq(alertEvents.type, "resolved")));
    expect(resolvedEvent!.data).toEqual({ note: "Paid back 3.30 EUR in cash for 2 failed vends: Coins handed back to the customer" });

    const second = await pay();
    expect(second).toMatchObject({ duplicate: true, payout: { id: first.payout.id } });
    expect(await t.db.select().from(cashPayouts).where(and(eq(cashPayouts.orgId, m.org.id), eq(cashPayouts.alertId, owed!.id)))).toHaveLength(1);
    expect(await lifecycle()).toEqual(["raised", "repeated", "resolved"]);
  });

  it("is refused for an alert that is not a cash refund owed, or one resolved already", async () => {
    const m = await createMachineWithPlanogram(t.db);
    await sendEvents(t.db, m.machine.id, m.secret, {
      events: [{ id: eventId(), type: "machine.fault", occurredAt: ago(3).toISOString(), data: { code: "E7", severity: "warning" } }, cashVend(180, ago(2), false)],
    });
    const [fault] = await alertsOf(t.db, m.machine.id, "machine_fault");
    await expect(asOwner(t.db, m.org.id, m.owner.id, (ctx) => recordPayout(ctx, { alertId: fault!.id }))).rejects.toMatchObject({ code: "cash.not_cash_refund" });
    const [owed] = await alertsOf(t.db, m.machine.id, "cash_refund_owed");
    await t.db.update(alerts).set({ status: "resolved", resolution: "manual" }).where(eq(alerts.id, owed!.id));
    await expect(asOwner(t.db, m.org.id, m.owner.id, (ctx) => recordPayout(ctx, { alertId: owed!.id }))).rejects.toMatchObject({ code: "cash.already_resolved" });
    await expect(asOwner(t.db, m.org.id, m.owner.id, (ctx) => recordPayout(ctx, { alertId: "alr_none" }))).rejects.toMatchObject({ code: "common.not_found" });
  });
});
