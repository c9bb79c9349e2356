import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setPlanogram } from "~/server/inventory";
import { getMachineDetail, listLocations, listMachines, registerMachine } from "~/server/fleet";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { asOwner, createMachineWithPlanogram, eventId, restock, sendEvents, vend } from "~/test/machines";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const DAY = 86_400_000;

describe("money on every machine", () => {
  it("shows revenue today and 7 days, units since the visit, last sale, days since service and cash in the box", async () => {
    const m = await createMachineWithPlanogram(t.db, { capacity: 10 });
    const now = Date.now();
    const at = (msAgo: number) => new Date(now - msAgo);
    const todayCash = at(1_000);
    const sent = await sendEvents(t.db, m.machine.id, m.secret, {
      events: [
        restock([{ slot: "A1", quantity: 10 }, { slot: "A2", quantity: 10 }, { slot: "B1", quantity: 10 }], at(4 * DAY)),
        vend("A1", { at: at(3 * DAY), method: "card", price: 250 }),
        vend("A2", { at: at(3 * DAY - 1_000), method: "cash", price: 150 }),
        { id: eventId(), type: "cash.collected", occurredAt: at(2 * DAY).toISOString(), data: { amountMinor: 150, currency: "EUR" } },
        restock([{ slot: "A1", quantity: 1 }], at(DAY)),
        vend("A1", { at: at(2_000), method: "card", price: 250 }),
        vend("B1", { at: todayCash, method: "cash", price: 180 }),
        vend("A2", { at: at(500), ok: false, method: "cash", price: 150 }),
      ],
    });
    expect(sent.status).toBe(200);
    expect(sent.json.results?.every((r) => r.status === "accepted")).toBe(true);

    // A second machine of the same org sells less over the 7 days.
    const second = await asOwner(t.db, m.org.id, m.owner.id, async (ctx) => {
      const { machine, credentials } = await registerMachine(ctx, { name: "Annex", serial: `AX-${m.org.id.slice(-6)}` });
      await setPlanogram(ctx, { machineId: machine.id, slots: [{ code: "A1", productId: m.products.cola.id, capacity: 10, parLevel: 5 }] });
      return { machine, secret: credentials.secret };
    });
    await sendEvents(t.db, second.machine.id, second.secret, { events: [restock([{ slot: "A1", quantity: 10 }], at(10 * DAY)), vend("A1", { at: at(3_000), method: "cash", price: 250 })] });

    // Another org's machine sells a lot; none of it counts here.
    const other = await createMachineWithPlanogram(t.db, { capacity: 10 });
    await sendEvents(t.db, other.machine.id, other.secret, {
      events: [restock([{ slot: "A1", quantity: 10 }], at(DAY)), ...Array.from({ length: 5 }, (_, i) => vend("A1", { at: at(10_000 + i), method: "cash", price: 999 }))],
    });

    const list = await asOwner(t.db, m.org.id, m.owner.id, (ctx) => listMachines(ctx, { sort: "revenue7d", direction: "desc" }));
    expect(list.map((r) => r.name)).toEqual(["Station hall 1", "Annex"]);
    const [first, annex] = list;
    expect(first).toMatchObject({
      currency: "EUR",
      revenueTodayMinor: 250 + 180,
      revenue7dMinor: 250 + 180 + 250 + 150,
      unitsSinceVisit: 2,
      daysSinceService: 1,
      expectedCashMinor: 180,
    });
    expect(first!.lastSaleAt?.getTime()).toBe(todayCash.getTime());
    expect(first!.lastServiceAt?.getTime()).toBe(at(DAY).getTime());
    expect(annex).toMatchObject({ revenueTodayMinor: 250, revenue7dMinor: 250, unitsSinceVisit: 1, daysSinceService: 10, expectedCashMinor: 250 });

    const ascending = await asOwner(t.db, m.org.id, m.owner.id, (ctx) => listMachines(ctx, { sort: "revenue7d", direction: "asc" }));
    expect(ascending.map((r) => r.name)).toEqual(["Annex", "Station hall 1"]);
    for (const sort of ["revenueToday", "lastSale", "sinceService", "cash"] as const) {
      const rows = await asOwner(t.db, m.org.id, m.owner.id, (ctx) => listMachines(ctx, { sort, direction: "desc" }));
      expect(rows).toHaveLength(2);
    }
    const byService = await asOwner(t.db, m.org.id, m.owner.id, (ctx) => listMachines(ctx, { sort: "sinceService", direction: "desc" }));
    expect(byService.map((r) => r.name)).toEqual(["Annex", "Station hall 1"]);

    const detail = await asOwner(t.db, m.org.id, m.owner.id, (ctx) => getMachineDetail(ctx, m.machine.id));
    expect(detail.money).toMatchObject({ revenueTodayMinor: 430, revenue7dMinor: 830, unitsSinceVisit: 2, expectedCashMinor: 180 });

    const places = await asOwner(t.db, m.org.id, m.owner.id, (ctx) => listLocations(ctx));
    expect(places.map((l) => [l.name, l.machineCount, l.currency, l.revenueTodayMinor, l.revenue7dMinor, l.expectedCashMinor])).toEqual([["Main station", 1, "EUR", 430, 830, 180]]);

    const otherList = await asOwner(t.db, other.org.id, other.owner.id, (ctx) => listMachines(ctx));
    expect(otherList).toHaveLength(1);
    expect(otherList[0]).toMatchObject({ revenueTodayMinor: 4995, expectedCashMinor: 4995, unitsSinceVisit: 5 });
  });
});
