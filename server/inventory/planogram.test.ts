import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { callerFor, createOrg } from "~/test/factories";
import { createMachineWithPlanogram } from "~/test/machines";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

describe("planogram", () => {
  it("replaces a planogram: adds, changes and removes slots, keeps stock within capacity", async () => {
    const m = await createMachineWithPlanogram(t.db, { capacity: 10 });
    const api = callerFor(t.db, m.owner);
    await t.db.execute(`update slots set stock = 8 where machine_id = '${m.machine.id}'`);
    const planogram = await api.planogram.set({
      orgId: m.org.id,
      machineId: m.machine.id,
      slots: [
        { code: "a1", productId: m.products.water.id, capacity: 6, parLevel: 3, priceOverrideMinor: 199 },
        { code: "C1", productId: null, capacity: 12, parLevel: 4 },
      ],
    });
    expect(planogram.map((s) => [s.code, s.productSku, s.stock, s.capacity, s.priceMinor])).toEqual([
      ["A1", "WATER-05", 6, 6, 199],
      ["C1", null, 0, 12, null],
    ]);
  });

  it("refuses an invalid planogram and writes nothing", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const api = callerFor(t.db, m.owner);
    const before = await api.planogram.get({ orgId: m.org.id, machineId: m.machine.id });
    const base = { productId: m.products.cola.id, capacity: 5, parLevel: 2 };
    await expect(api.planogram.set({ orgId: m.org.id, machineId: m.machine.id, slots: [{ ...base, code: "A1", parLevel: 9 }] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Par level cannot exceed capacity.",
    });
    await expect(api.planogram.set({ orgId: m.org.id, machineId: m.machine.id, slots: [{ ...base, code: "A1" }, { ...base, code: "a1" }] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Each slot code may appear once.",
    });
    await expect(api.planogram.set({ orgId: m.org.id, machineId: m.machine.id, slots: [{ ...base, code: "A 1" }] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const other = await createOrg(t.db);
    const foreign = await callerFor(t.db, other.owner).products.create({ orgId: other.org.id, sku: "F", name: "Foreign", priceMinor: 1 });
    await expect(api.planogram.set({ orgId: m.org.id, machineId: m.machine.id, slots: [{ ...base, code: "A1", productId: foreign.id }] })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await api.planogram.get({ orgId: m.org.id, machineId: m.machine.id })).toEqual(before);
  });
});

describe("copying a planogram from another machine", () => {
  it("reads a machine of the same org, and another org's machine is not found", async () => {
    const a = await createMachineWithPlanogram(t.db);
    const b = await createMachineWithPlanogram(t.db);
    const api = callerFor(t.db, a.owner);
    const { machine: second } = await api.machines.register({ orgId: a.org.id, name: "Second", serial: `SN2-${a.org.id.slice(-6)}` });
    // The editor reads the source's slots and saves them as the target's.
    const source = await api.planogram.get({ orgId: a.org.id, machineId: a.machine.id });
    const copied = await api.planogram.set({
      orgId: a.org.id,
      machineId: second.id,
      slots: source.map((s) => ({ code: s.code, productId: s.productId, capacity: s.capacity, parLevel: s.parLevel, priceOverrideMinor: s.priceOverrideMinor })),
    });
    expect(copied.map((s) => [s.code, s.productSku, s.stock])).toEqual([
      ["A1", "COLA-033", 0],
      ["A2", "WATER-05", 0],
      ["B1", "BAR-CHOC", 0],
    ]);
    await expect(api.planogram.get({ orgId: a.org.id, machineId: b.machine.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
