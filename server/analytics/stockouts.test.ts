import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slotStockouts } from "~/db/schema";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { createMachineWithPlanogram, restock, sendEvents, vend } from "~/test/machines";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const now = Date.now();
const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000);
const periodsOf = (machineId: string, slot: string) =>
  t.db
    .select({ startedAt: slotStockouts.startedAt, endedAt: slotStockouts.endedAt, productId: slotStockouts.productId })
    .from(slotStockouts)
    .where(and(eq(slotStockouts.machineId, machineId), eq(slotStockouts.slotCode, slot)))
    .orderBy(asc(slotStockouts.startedAt));

describe("stockout tracking", () => {
  it("opens a period when a vend empties a slot and closes it with a restock", async () => {
    const m = await createMachineWithPlanogram(t.db, { capacity: 2 });
    await sendEvents(t.db, m.machine.id, m.secret, { events: [restock([{ slot: "A1", quantity: 2 }], at(120))] });
    await sendEvents(t.db, m.machine.id, m.secret, { events: [vend("A1", { at: at(100) })] });
    expect(await periodsOf(m.machine.id, "A1")).toEqual([]);

    await sendEvents(t.db, m.machine.id, m.secret, { events: [vend("A1", { at: at(90) })] });
    const [open] = await periodsOf(m.machine.id, "A1");
    expect(open).toEqual({ startedAt: at(90), endedAt: null, productId: m.products.cola.id });

    await sendEvents(t.db, m.machine.id, m.secret, { events: [restock([{ slot: "A1", quantity: 2 }], at(30))] });
    expect(await periodsOf(m.machine.id, "A1")).toEqual([{ startedAt: at(90), endedAt: at(30), productId: m.products.cola.id }]);
  });

  it("keeps one open period per slot whatever repeats, and ignores restocks of zero", async () => {
    const m = await createMachineWithPlanogram(t.db, { capacity: 1 });
    await sendEvents(t.db, m.machine.id, m.secret, { events: [restock([{ slot: "A2", quantity: 1 }], at(200))] });
    const empties = vend("A2", { at: at(150) });
    await sendEvents(t.db, m.machine.id, m.secret, { events: [empties] });
    // The same event again (a retry), and more vends of an empty slot.
    await sendEvents(t.db, m.machine.id, m.secret, { events: [empties, vend("A2", { at: at(140) })] });
    await sendEvents(t.db, m.machine.id, m.secret, { events: [restock([{ slot: "A2", quantity: 0 }], at(130))] });
    const periods = await periodsOf(m.machine.id, "A2");
    expect(periods).toHaveLength(1);
    expect(periods[0]!.endedAt).toBeNull();

    const refill = restock([{ slot: "A2", quantity: 1 }], at(60));
    await sendEvents(t.db, m.machine.id, m.secret, { events: [refill] });
    await sendEvents(t.db, m.machine.id, m.secret, { events: [refill] });
    expect(await periodsOf(m.machine.id, "A2")).toEqual([{ startedAt: at(150), endedAt: at(60), productId: m.products.water.id }]);

    // Empty again later: a second period.
    await sendEvents(t.db, m.machine.id, m.secret, { events: [vend("A2", { at: at(10) })] });
    const again = await periodsOf(m.machine.id, "A2");
    expect(again.map((p) => [p.startedAt, p.endedAt])).toEqual([
      [at(150), at(60)],
      [at(10), null],
    ]);
  });

  it("does not open a period for a failed vend or a slot that still holds stock", async () => {
    const m = await createMachineWithPlanogram(t.db, { capacity: 3 });
    await sendEvents(t.db, m.machine.id, m.secret, { events: [restock([{ slot: "B1", quantity: 3 }], at(50))] });
    await sendEvents(t.db, m.machine.id, m.secret, { events: [vend("B1", { at: at(40), ok: false }), vend("B1", { at: at(30) })] });
    expect(await periodsOf(m.machine.id, "B1")).toEqual([]);
  });
});
