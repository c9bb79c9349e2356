import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alerts, cashCollections, machineEvents, machines, refunds, sales, serviceVisits, slots, stockDiscrepancies } from "~/db/schema";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { createMachineWithPlanogram, eventId, restock, sendEvents, vend } from "~/test/machines";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
const stockOf = async (machineId: string, code: string) =>
  (await t.db.select({ stock: slots.stock }).from(slots).where(and(eq(slots.machineId, machineId), eq(slots.code, code))))[0]!.stock;

describe("machine protocol v1: events", () => {
  it("gives each invalid field its per-event code and message, in order, storing only valid events", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const good = vend("A1");
    const events = [
      good,
      { ...vend("A1"), id: "bad id with spaces" },
      { ...vend("A1"), id: "x".repeat(65) },
      { ...vend("A1"), type: "vend.teleported" },
      { ...vend("A1"), occurredAt: "yesterday" },
      { ...vend("A1"), occurredAt: new Date(Date.now() + 3 * 86_400_000).toISOString() },
      { ...vend("A1"), data: { slot: "A1", priceMinor: 2.5, currency: "EUR", payment: { method: "card" } } },
      { ...vend("A1"), data: { slot: "A1", priceMinor: 250, currency: "EURO", payment: { method: "card" } } },
      { ...vend("A1"), data: { slot: "A1", priceMinor: 250, currency: "EUR", payment: { method: "barter" } } },
      { ...vend("A1"), data: { priceMinor: 250, currency: "EUR", payment: { method: "card" } } },
      vend("Z9"),
      { ...vend("A1", { ok: false }), data: { slot: "A1", priceMinor: 250, currency: "EUR", payment: { method: "card" }, reason: "gremlins" } },
      { id: eventId(), type: "machine.fault", occurredAt: new Date().toISOString(), data: { code: "E1", severity: "fatal" } },
      restock([{ slot: "A1", quantity: -1 }]),
      "not an object",
    ];
    const res = await sendEvents(t.db, m.machine.id, m.secret, { events });
    expect(res.status).toBe(200);
    const codes = res.json.results!.map((r) => r.error?.code ?? r.status);
    expect(codes).toEqual([
      "accepted",
      "invalid_id",
      "invalid_id",
      "unknown_type",
      "invalid_occurred_at",
      "invalid_occurred_at",
      "invalid_data",
      "invalid_data",
      "invalid_data",
      "invalid_data",
      "unknown_slot",
      "invalid_data",
      "invalid_data",
      "invalid_data",
      "invalid_id",
    ]);
    expect(res.json.results![6]!.error!.message).toContain("data.priceMinor");
    expect(res.json.results![9]!.error!.message).toBe("data.slot is required");
    expect(res.json.results![10]!.error!.message).toBe("slot Z9 is not in this machine's planogram");
    const stored = await t.db.select().from(machineEvents).where(eq(machineEvents.machineId, m.machine.id));
    expect(stored.map((e) => e.eventId)).toEqual([good.id]);
    expect(await stockOf(m.machine.id, "A1")).toBe(0);
  });

  it("answers duplicate for repeats within one batch and across batches, with effects once", async () => {
    const m = await createMachineWithPlanogram(t.db);
    await sendEvents(t.db, m.machine.id, m.secret, { events: [restock([{ slot: "A2", quantity: 10 }], at(60))] });
    const sale = vend("A2", { at: at(5) });
    const first = await sendEvents(t.db, m.machine.id, m.secret, { events: [sale, sale, vend("A2", { at: at(4) })] });
    expect(first.json.results!.map((r) => r.status)).toEqual(["accepted", "duplicate", "accepted"]);
    const again = await sendEvents(t.db, m.machine.id, m.secret, { events: [sale] });
    expect(again.json.results).toEqual([{ id: sale.id, status: "duplicate" }]);
    expect(await t.db.select().from(sales).where(eq(sales.machineId, m.machine.id))).toHaveLength(2);
    expect(await stockOf(m.machine.id, "A2")).toBe(8);
  });

  it("lets a restock count win over vends before it, and subtracts vends after it that arrived first", async () => {
    const m = await createMachineWithPlanogram(t.db);
    // The machine counted 10 at t-30; vends at t-40 (before the count) and t-20, t-10 (after) arrive first.
    await sendEvents(t.db, m.machine.id, m.secret, { events: [vend("B1", { at: at(40) }), vend("B1", { at: at(20) }), vend("B1", { at: at(10) })] });
    const late = await sendEvents(t.db, m.machine.id, m.secret, { events: [restock([{ slot: "B1", quantity: 10 }], at(30))] });
    expect(late.json.results![0]!.status).toBe("accepted");
    expect(await stockOf(m.machine.id, "B1")).toBe(8);
    // An older count arriving even later changes nothing; a vend from before the count neither.
    await sendEvents(t.db, m.machine.id, m.secret, { events: [restock([{ slot: "B1", quantity: 3 }], at(50)), vend("B1", { at: at(35) })] });
    expect(await stockOf(m.machine.id, "B1")).toBe(8);
    // A vend after the count lowers it by one.
    await sendEvents(t.db, m.machine.id, m.secret, { events: [vend("B1", { at: at(1) })] });
    expect(await stockOf(m.machine.id, "B1")).toBe(7);
    expect(await t.db.select().from(serviceVisits).where(eq(serviceVisits.machineId, m.machine.id))).toHaveLength(2);
  });

  it("never goes below zero and records the discrepancy", async () => {
    const m = await createMachineWithPlanogram(t.db);
    await sendEvents(t.db, m.machine.id, m.secret, { events: [restock([{ slot: "A1", quantity: 1 }], at(30))] });
    await sendEvents(t.db, m.machine.id, m.secret, { events: [vend("A1", { at: at(20) }), vend("A1", { at: at(10) }), vend("A1", { at: at(5) })] });
    expect(await stockOf(m.machine.id, "A1")).toBe(0);
    const [discrepancy] = await t.db.select().from(stockDiscrepancies).where(eq(stockDiscrepancies.machineId, m.machine.id));
    expect(discrepancy).toMatchObject({ slotCode: "A1", shortfall: 2 });
  });

  it("records a failed electronic vend with a pending refund, and a failed cash vend as an alert", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const failedCard = vend("A1", { ok: false, method: "alipay", price: 300 });
    const failedCash = vend("A2", { ok: false, method: "cash", price: 150 });
    const failedFree = vend("A2", { ok: false, method: "free", price: 0 });
    await sendEvents(t.db, m.machine.id, m.secret, { events: [failedCard, failedCash, failedFree] });
    const rows = await t.db.select().from(sales).where(eq(sales.machineId, m.machine.id));
    expect(rows.map((r) => r.status)).toEqual(["failed", "failed", "failed"]);
    const owed = await t.db.select().from(refunds).where(eq(refunds.orgId, m.org.id));
    expect(owed).toHaveLength(1);
    expect(owed[0]).toMatchObject({ amountMinor: 300, currency: "EUR", paymentMethod: "alipay", status: "pending", reason: "vend_failed:dispense_failed" });
    const [cashAlert] = await t.db.select().from(alerts).where(and(eq(alerts.machineId, m.machine.id), eq(alerts.rule, "cash_refund_owed")));
    expect(cashAlert).toMatchObject({ status: "open", severity: "warning" });
    expect(cashAlert!.message).toContain("1.50 EUR");
  });

  it("opens one fault alert per code, counts repeats, resolves on clear, and ignores a late fault", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const fault = (minutesAgo: number, severity = "critical") => ({
      id: eventId(),
      type: "machine.fault",
      occurredAt: at(minutesAgo).toISOString(),
      data: { code: "COIN_JAM", severity, message: "Coin mechanism jammed" },
    });
    await sendEvents(t.db, m.machine.id, m.secret, { events: [fault(10), fault(9)] });
    let rows = await t.db.select().from(alerts).where(eq(alerts.machineId, m.machine.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ rule: "machine_fault", code: "COIN_JAM", count: 2, status: "open", severity: "critical" });
    expect((await t.db.select().from(machines).where(eq(machines.id, m.machine.id)))[0]!.status).toBe("fault");

    const clear = { id: eventId(), type: "machine.fault_cleared", occurredAt: at(5).toISOString(), data: { code: "COIN_JAM" } };
    await sendEvents(t.db, m.machine.id, m.secret, { events: [clear, fault(8)] });
    rows = await t.db.select().from(alerts).where(eq(alerts.machineId, m.machine.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe("resolved");
    expect((await t.db.select().from(machines).where(eq(machines.id, m.machine.id)))[0]!.status).toBe("online");

    // Back within the flap window: the same alert re-opens rather than a second one.
    await sendEvents(t.db, m.machine.id, m.secret, { events: [fault(1, "warning")] });
    rows = await t.db.select().from(alerts).where(eq(alerts.machineId, m.machine.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "open", severity: "warning", resolvedAt: null });
  });

  it("records a fault that arrives after its clearance as already resolved", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const cleared = { id: eventId(), type: "machine.fault_cleared", occurredAt: at(2).toISOString(), data: { code: "DOOR_SENSOR" } };
    const fault = { id: eventId(), type: "machine.fault", occurredAt: at(6).toISOString(), data: { code: "DOOR_SENSOR", severity: "critical" } };
    await sendEvents(t.db, m.machine.id, m.secret, { events: [cleared] });
    await sendEvents(t.db, m.machine.id, m.secret, { events: [fault] });
    const rows = await t.db.select().from(alerts).where(eq(alerts.machineId, m.machine.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ code: "DOOR_SENSOR", status: "resolved", resolvedAt: new Date(cleared.occurredAt) });
    expect((await t.db.select().from(machines).where(eq(machines.id, m.machine.id)))[0]!.status).toBe("online");
  });

  it("matches slot codes whatever their case", async () => {
    const m = await createMachineWithPlanogram(t.db);
    await sendEvents(t.db, m.machine.id, m.secret, { events: [restock([{ slot: "b1", quantity: 4 }], at(10))] });
    const res = await sendEvents(t.db, m.machine.id, m.secret, { events: [vend("b1", { at: at(5) })] });
    expect(res.json.results![0]!.status).toBe("accepted");
    expect(await stockOf(m.machine.id, "B1")).toBe(3);
    expect((await t.db.select().from(sales).where(eq(sales.machineId, m.machine.id)))[0]!.slotCode).toBe("B1");
  });

  it("keeps the newest telemetry and records cash collections", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const hb = (minutesAgo: number, temperatureC: number) => ({
      id: eventId(),
      type: "machine.heartbeat",
      occurredAt: at(minutesAgo).toISOString(),
      data: { temperatureC, doorOpen: false, firmware: "2.4.1", signalDbm: -67 },
    });
    await sendEvents(t.db, m.machine.id, m.secret, { events: [hb(2, 5.5)] });
    await sendEvents(t.db, m.machine.id, m.secret, {
      events: [hb(10, 9.9), { id: eventId(), type: "cash.collected", occurredAt: at(3).toISOString(), data: { amountMinor: 12_350, currency: "EUR" } }],
    });
    const [machine] = await t.db.select().from(machines).where(eq(machines.id, m.machine.id));
    expect(machine).toMatchObject({ status: "online", temperatureC: 5.5, firmware: "2.4.1", signalDbm: -67, doorOpen: false });
    expect(machine!.lastSeenAt).toBeInstanceOf(Date);
    const [cash] = await t.db.select().from(cashCollections).where(eq(cashCollections.machineId, m.machine.id));
    expect(cash).toMatchObject({ amountMinor: 12_350, currency: "EUR" });
  });
});
