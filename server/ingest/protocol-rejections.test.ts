import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alerts, cashCollections, loyaltyMembers, machineEvents, machines, organizations, refunds, sales, serviceVisits } from "~/db/schema";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { asOwner, createMachineWithPlanogram, eventId, restock, sendEvents, vend } from "~/test/machines";
import { updateLoyaltyProgram } from "~/server/consumers";

// Content a machine can send that Postgres would refuse (or that would be summed in the wrong
// currency): each such event is rejected alone, with a code and a message that says what to fix.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

type Machine = Awaited<ReturnType<typeof createMachineWithPlanogram>>;
const heartbeat = (data: Record<string, unknown>, occurredAt = new Date().toISOString()) => ({ id: eventId(), type: "machine.heartbeat", occurredAt, data });
const fault = (data: Record<string, unknown>, occurredAt = new Date().toISOString()) => ({ id: eventId(), type: "machine.fault", occurredAt, data });
const storedIds = async (m: Machine) => (await t.db.select({ id: machineEvents.eventId }).from(machineEvents).where(eq(machineEvents.machineId, m.machine.id))).map((r) => r.id);

/** Sends the events and returns each result as its status or rejection code, plus the messages. */
async function send(m: Machine, events: unknown[]) {
  const res = await sendEvents(t.db, m.machine.id, m.secret, { events });
  expect(res.status).toBe(200);
  const results = res.json.results!;
  return { codes: results.map((r) => r.error?.code ?? r.status), messages: results.map((r) => r.error?.message ?? "") };
}

describe("machine protocol v1: occurredAt", () => {
  it("rejects dates before 2000, impossible calendar dates and times, and far-future dates, one by one", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const good = heartbeat({ temperatureC: 5 });
    const at = (occurredAt: string) => [heartbeat({}, occurredAt), { ...vend("A1", { ok: false }), occurredAt }, fault({ code: "E1", severity: "critical" }, occurredAt)];
    const bad = [
      ...at("0000-01-01T00:00:00Z"),
      ...at("0001-01-01T00:00:00Z"),
      ...at("1999-12-31T23:59:59.999Z"),
      ...at("2026-02-30T10:00:00Z"),
      ...at("2025-02-29T10:00:00Z"),
      ...at("2026-13-01T10:00:00Z"),
      ...at("2026-01-01T24:00:00Z"),
      ...at("2026-01-01T10:60:00Z"),
      ...at("2026-01-01T10:00:00+24:00"),
      ...at("9999-12-31T23:59:59Z"),
      ...at("2026-01-01"),
    ];
    const { codes, messages } = await send(m, [good, ...bad]);
    expect(codes).toEqual(["accepted", ...bad.map(() => "invalid_occurred_at")]);
    expect(messages[1]).toBe("occurredAt is before 2000-01-01T00:00:00Z; set the machine's clock");
    expect(messages[4]).toBe(messages[1]);
    expect(messages[10]).toContain("a day the month has");
    expect(messages[28]).toContain("more than a day ahead");
    expect(messages[31]).toContain("RFC 3339");
    expect(await storedIds(m)).toEqual([good.id]);
    expect(await t.db.select().from(sales).where(eq(sales.machineId, m.machine.id))).toHaveLength(0);
    expect(await t.db.select().from(alerts).where(eq(alerts.machineId, m.machine.id))).toHaveLength(0);
  });

  it("accepts the edges of the range: 2000-01-01T00:00:00Z, a leap day, offsets, and up to a day ahead", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const soon = new Date(Date.now() + 23 * 3_600_000).toISOString();
    const events = [
      { ...vend("A1", { ok: false }), occurredAt: "2000-01-01T00:00:00Z" },
      fault({ code: "E1", severity: "warning" }, "2000-01-01T00:00:00Z"),
      heartbeat({}, "2024-02-29T23:59:59.123456+05:30"),
      heartbeat({}, "2026-06-01t12:00:00z"),
      heartbeat({}, soon),
    ];
    const { codes } = await send(m, events);
    expect(codes).toEqual(events.map(() => "accepted"));
    const [failed] = await t.db.select().from(sales).where(eq(sales.machineId, m.machine.id));
    expect(failed!.occurredAt).toEqual(new Date("2000-01-01T00:00:00Z"));
  });
});

describe("machine protocol v1: text fields", () => {
  it("rejects NUL, control characters and unpaired surrogates in every text field, storing the rest of the batch", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const vendWith = (patch: Record<string, unknown>, payment: Record<string, unknown> = {}) => {
      const e = vend("A1");
      return { ...e, data: { ...e.data, ...patch, payment: { ...e.data.payment, ...payment } } };
    };
    const cases: [unknown, string][] = [
      [heartbeat({ firmware: "2.4\u0000" }), "data.firmware"],
      [heartbeat({ firmware: "\ud800" }), "data.firmware"],
      [fault({ code: "E\u0000", severity: "critical" }), "data.code"],
      [fault({ code: "E1", severity: "critical", message: "jam\udc00" }), "data.message"],
      [fault({ code: "E1", severity: "critical", message: "bell\u0007" }), "data.message"],
      [fault({ code: "E1", severity: "critical", message: "x".repeat(100_000) }), "data.message"],
      [{ id: eventId(), type: "machine.fault_cleared", occurredAt: new Date().toISOString(), data: { code: "E1\u001b[31m" } }, "data.code"],
      [vendWith({ slot: "A1\u0000" }), "data.slot"],
      [vendWith({}, { reference: "pi_\u0085" }), "data.payment.reference"],
      [vendWith({ orderId: "ord\u0000" }), "data.orderId"],
      [vendWith({ consumerId: "\udfff\ud800" }), "data.consumerId"],
      [vendWith({ currency: "EU\u0000" }), "data.currency"],
      [{ ...restock([{ slot: "A1", quantity: 5 }]), data: { slots: [{ slot: "A1", quantity: 5 }], visitId: "v\u007f" } }, "data.visitId"],
    ];
    // Tabs and line breaks are fine in a message, and any other Unicode text anywhere.
    const fine = [
      fault({ code: "DOOR-\u00c4", severity: "info", message: "Line one\n\tLine two \u{1F600} \u4e2d\u6587" }),
      heartbeat({ firmware: "v2 \u{1F680} \u0645\u0631\u062d\u0628\u0627" }),
    ];
    const { codes, messages } = await send(m, [...fine, ...cases.map(([e]) => e)]);
    expect(codes).toEqual([...fine.map(() => "accepted"), ...cases.map(() => "invalid_data")]);
    cases.forEach(([, field], i) => expect(messages[fine.length + i], field).toMatch(new RegExp(`^${field.replace(/\./g, "\\.")} `)));
    expect(messages[fine.length]).toContain("without control characters");
    expect(messages[fine.length + 5]).toBe("data.message must be at most 500 characters");
    expect(await storedIds(m)).toEqual(fine.map((e) => e.id));
    const [machine] = await t.db.select().from(machines).where(eq(machines.id, m.machine.id));
    expect(machine!.firmware).toBe("v2 \u{1F680} \u0645\u0631\u062d\u0628\u0627");
    expect((await t.db.select().from(alerts).where(eq(alerts.machineId, m.machine.id))).map((a) => a.message)).toEqual(["Line one\n\tLine two \u{1F600} \u4e2d\u6587"]);
    expect(await t.db.select().from(sales).where(eq(sales.machineId, m.machine.id))).toHaveLength(0);
    expect(await t.db.select().from(serviceVisits).where(eq(serviceVisits.machineId, m.machine.id))).toHaveLength(0);
  });

  it("answers unknown_type for names an object inherits, such as toString and __proto__", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const events = ["toString", "__proto__", "constructor", "hasOwnProperty"].map((type) => ({ id: eventId(), type, occurredAt: new Date().toISOString(), data: {} }));
    const { codes } = await send(m, events);
    expect(codes).toEqual(events.map(() => "unknown_type"));
  });
});

describe("machine protocol v1: numbers", () => {
  it("rejects huge, negative, fractional and infinite numbers as invalid_data", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const vendPriced = (priceMinor: unknown) => ({ ...vend("A1"), data: { ...vend("A1").data, priceMinor } });
    const cases = [
      vendPriced(100_000_001),
      vendPriced(-1),
      vendPriced(2.5),
      vendPriced(Number.MAX_SAFE_INTEGER + 2),
      vendPriced("250"),
      restock([{ slot: "A1", quantity: 10_000 }]),
      restock([{ slot: "A1", quantity: -1 }]),
      restock(Array.from({ length: 201 }, () => ({ slot: "A1", quantity: 1 }))),
      heartbeat({ temperatureC: 1e300 }),
      heartbeat({ signalDbm: -201 }),
      { id: eventId(), type: "cash.collected", occurredAt: new Date().toISOString(), data: { amountMinor: 1e20, currency: "EUR" } },
    ];
    // JSON can spell a number no double holds: 1e400 parses to Infinity.
    const body = JSON.stringify({ events: [...cases, heartbeat({ temperatureC: "INFINITY" })] }).replace('"INFINITY"', "1e400");
    const res = await sendEvents(t.db, m.machine.id, m.secret, body);
    expect(res.status).toBe(200);
    expect(res.json.results!.map((r) => r.error?.code)).toEqual([...cases, 0].map(() => "invalid_data"));
    expect(res.json.results![7]!.error!.message).toContain("at most 200 slots");
    expect(await storedIds(m)).toEqual([]);
  });

  it("keeps temperatures to 0.01 °C, so a value too tiny for a Postgres real is stored as 0", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const { codes } = await send(m, [heartbeat({ temperatureC: 4.256 }, new Date(Date.now() - 60_000).toISOString()), heartbeat({ temperatureC: 1e-200 })]);
    expect(codes).toEqual(["accepted", "accepted"]);
    const [machine] = await t.db.select().from(machines).where(eq(machines.id, m.machine.id));
    expect(machine!.temperatureC).toBe(0);
    const stored = await t.db.select({ data: machineEvents.data }).from(machineEvents).where(eq(machineEvents.machineId, m.machine.id));
    expect(stored.map((e) => e.data.temperatureC).sort()).toEqual([0, 4.26]);
  });

  it("caps the points of a very large purchase instead of overflowing the points balance", async () => {
    const m = await createMachineWithPlanogram(t.db);
    await asOwner(t.db, m.org.id, m.owner.id, (ctx) => updateLoyaltyProgram(ctx, { enabled: true, pointsPerUnit: 10_000, tiers: [] }));
    const big = (i: number) => ({ ...vend("A1", { price: 100_000_000 }), data: { ...vend("A1", { price: 100_000_000 }).data, consumerId: `big-spender` }, id: `big-${i}` });
    const { codes } = await send(m, [big(1), big(2), big(3)]);
    expect(codes).toEqual(["accepted", "accepted", "accepted"]);
    const [member] = await t.db.select().from(loyaltyMembers).where(eq(loyaltyMembers.consumerId, "big-spender"));
    expect(member!.points).toBe(2_147_483_647);
  });
});

describe("machine protocol v1: currency", () => {
  it("rejects vends and cash collections in another currency than the organization's, naming the expected one", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const inCurrency = <E extends { data: object }>(e: E, currency: string) => ({ ...e, data: { ...e.data, currency } });
    const cash = (currency: string) => ({ id: eventId(), type: "cash.collected", occurredAt: new Date().toISOString(), data: { amountMinor: 5_000, currency } });
    const events = [
      vend("A1"),
      inCurrency(vend("A1"), "USD"),
      inCurrency(vend("A2", { ok: false, method: "card" }), "USD"),
      inCurrency(vend("A2", { ok: false, method: "cash" }), "JPY"),
      cash("EUR"),
      cash("USD"),
      inCurrency(vend("Z9"), "USD"),
    ];
    const { codes, messages } = await send(m, events);
    expect(codes).toEqual(["accepted", "currency_mismatch", "currency_mismatch", "currency_mismatch", "accepted", "currency_mismatch", "unknown_slot"]);
    expect(messages[1]).toBe("this organization sells in EUR, not USD; set the machine's currency to EUR");
    expect(messages[3]).toContain("not JPY");
    expect(await storedIds(m)).toEqual([events[0]!.id, events[4]!.id]);
    expect((await t.db.select().from(sales).where(eq(sales.machineId, m.machine.id))).map((s) => s.currency)).toEqual(["EUR"]);
    expect(await t.db.select().from(refunds).where(eq(refunds.orgId, m.org.id))).toHaveLength(0);
    expect(await t.db.select().from(alerts).where(eq(alerts.rule, "cash_refund_owed"))).toHaveLength(0);
    expect((await t.db.select().from(cashCollections).where(eq(cashCollections.machineId, m.machine.id))).map((c) => c.currency)).toEqual(["EUR"]);
  });

  it("follows the organization's currency when the operator changes it", async () => {
    const m = await createMachineWithPlanogram(t.db);
    await t.db.update(organizations).set({ currency: "CHF" }).where(eq(organizations.id, m.org.id));
    const chf = { ...vend("A1"), data: { ...vend("A1").data, currency: "CHF" } };
    const { codes, messages } = await send(m, [vend("A1"), chf]);
    expect(codes).toEqual(["currency_mismatch", "accepted"]);
    expect(messages[0]).toBe("this organization sells in CHF, not EUR; set the machine's currency to CHF");
  });
});
