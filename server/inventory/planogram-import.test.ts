import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { createTrpcContext } from "~/server/trpc/init";
import { createCaller } from "~/server/trpc/root";
import { callerFor } from "~/test/factories";
import { createMachineWithPlanogram } from "~/test/machines";
import { orgSnapshot } from "~/test/rows";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const file = (...lines: string[]) => lines.join("\n");
const codesOf = (slots: { code: string; productSku: string | null; capacity: number; parLevel: number; priceMinor: number | null }[]) =>
  slots.map((s) => `${s.code}:${s.productSku ?? "-"}:${s.capacity}/${s.parLevel}:${s.priceMinor ?? "-"}`);

describe("planogram import", () => {
  it("merges slots into a machine found by serial or name, keeps stock, and a repeat changes nothing", async () => {
    const m = await createMachineWithPlanogram(t.db, { capacity: 10 });
    const api = callerFor(t.db, m.owner);
    await t.db.execute(`update slots set stock = 8 where machine_id = '${m.machine.id}'`);
    const before = await orgSnapshot(t.db, m.org.id);
    const csv = file(
      "Machine,Slot,SKU,Capacity,Par level,Price",
      `${m.machine.serial},A1,COLA-033,6,3,`,
      `${m.machine.name},a2,WATER-05,10,5,`,
      `${m.machine.serial},C1,BAR-CHOC,12,4,1.99`,
      `${m.machine.serial},C2,,8,2,`,
    );
    const preview = await api.planogram.previewImport({ orgId: m.org.id, mode: "merge", csv });
    expect(preview.rows.map((r) => [r.row, r.slot, r.outcome, r.changes])).toEqual([
      [2, "A1", "update", ["capacity", "parLevel"]],
      [3, "A2", "unchanged", []],
      [4, "C1", "new", []],
      [5, "C2", "new", []],
    ]);
    expect(preview.machines).toEqual([
      { machineId: m.machine.id, name: m.machine.name, serial: m.machine.serial, rows: 4, removed: [], skipped: false, issues: [], changed: true },
    ]);
    expect(await orgSnapshot(t.db, m.org.id)).toEqual(before);

    await api.planogram.import({ orgId: m.org.id, mode: "merge", csv });
    const planogram = await api.planogram.get({ orgId: m.org.id, machineId: m.machine.id });
    expect(codesOf(planogram)).toEqual(["A1:COLA-033:6/3:250", "A2:WATER-05:10/5:150", "B1:BAR-CHOC:10/5:180", "C1:BAR-CHOC:12/4:199", "C2:-:8/2:-"]);
    expect(planogram.find((s) => s.code === "A1")!.stock).toBe(6);

    const after = await orgSnapshot(t.db, m.org.id);
    const again = await api.planogram.import({ orgId: m.org.id, mode: "merge", csv });
    expect(again.counts).toEqual({ new: 0, update: 0, unchanged: 4, error: 0 });
    expect(await orgSnapshot(t.db, m.org.id)).toEqual(after);
  });

  it("replaces a machine's planogram with the file's slots, saying which slots go", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const api = callerFor(t.db, m.owner);
    const csv = file("machine,slot,sku,capacity,par", `${m.machine.serial},A1,BAR-CHOC,8,2`, `${m.machine.serial},A3,COLA-033,8,2`);
    const preview = await api.planogram.previewImport({ orgId: m.org.id, mode: "replace", csv });
    expect(preview.machines[0]).toMatchObject({ removed: ["A2", "B1"], skipped: false, changed: true });
    await api.planogram.import({ orgId: m.org.id, mode: "replace", csv });
    expect(codesOf(await api.planogram.get({ orgId: m.org.id, machineId: m.machine.id }))).toEqual(["A1:BAR-CHOC:8/2:180", "A3:COLA-033:8/2:250"]);
  });

  it("names the row, column and fix for each bad row, and leaves a machine with errors unchanged", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const api = callerFor(t.db, m.owner);
    await api.machines.register({ orgId: m.org.id, name: "Twin", serial: "TWIN-1" });
    await api.machines.register({ orgId: m.org.id, name: "Twin", serial: "TWIN-2" });
    await api.machines.register({ orgId: m.org.id, name: "Clean", serial: "CLEAN-1" });
    const before = await api.planogram.get({ orgId: m.org.id, machineId: m.machine.id });
    const s = m.machine.serial;
    const csv = file(
      "machine,slot,sku,capacity,par,price",
      `NOPE-9,A1,COLA-033,5,2,`,
      `Twin,A1,COLA-033,5,2,`,
      `${s},A 1,COLA-033,5,2,`,
      `${s},A4,NOPE-SKU,5,2,`,
      `${s},A5,COLA-033,five,2,`,
      `${s},A6,COLA-033,5,-1,`,
      `${s},A7,COLA-033,5,9,`,
      `${s},A8,COLA-033,5,2,1.999`,
      `${s},A9,COLA-033,0,0,`,
      `${s},A1,COLA-033,5,2,`,
      `${s},a1,COLA-033,5,2,`,
      `,A1,COLA-033,5,2,`,
      `CLEAN-1,A1,WATER-05,5,2,`,
    );
    const preview = await api.planogram.previewImport({ orgId: m.org.id, mode: "merge", csv });
    expect(preview.rows.filter((r) => r.outcome === "error").map((r) => [r.row, r.issues.map((i) => `${i.column}: ${i.message}`)])).toEqual([
      [2, ["machine: No machine of this organization has the serial or name “NOPE-9”."]],
      [3, ["machine: Several machines are named “Twin”; use the serial instead."]],
      [4, ["slot: A slot code is 1 to 8 letters or digits, such as A1."]],
      [5, ["sku: No product has the SKU “NOPE-SKU”; add or import it first, or leave the cell empty for an empty slot."]],
      [6, ["capacity: Enter the capacity as a whole number."]],
      [7, ["par: Enter the par level as a whole number."]],
      [8, ["par: Par level cannot exceed capacity."]],
      [9, ["price: “1.999” is not an amount in EUR. Use an amount like 2.50."]],
      [10, ["capacity: Capacity is at least 1."]],
      [12, ["slot: Slot A1 of this machine is also on row 11; keep one of the two rows."]],
      [13, ["machine: Enter the machine's serial or name."]],
    ]);
    // The same problems in the reader's language (the slot schema's own words aside).
    const zh = await createCaller(createTrpcContext({ db: t.db, user: m.owner, locale: "zh-CN" })).planogram.previewImport({ orgId: m.org.id, mode: "merge", csv });
    const zhProblems = new Map(zh.rows.map((r) => [r.row, r.issues.map((i) => i.message)]));
    expect([2, 3, 5, 6, 7, 9, 12, 13].map((row) => zhProblems.get(row))).toEqual([
      ["本运营公司没有序列号或名称为“NOPE-9”的售货机。"],
      ["有多台售货机名为“Twin”；请改用序列号。"],
      ["没有 SKU 为“NOPE-SKU”的商品；请先添加或导入该商品，或将此单元格留空表示空货道。"],
      ["请以整数填写容量。"],
      ["请以整数填写标准库存。"],
      ["“1.999”不是以 EUR 计的金额。请输入类似 2.50 的金额。"],
      ["此售货机的货道 A1 也出现在第 11 行；请只保留其中一行。"],
      ["请填写售货机的序列号或名称。"],
    ]);
    const clean = (await api.machines.list({ orgId: m.org.id })).find((x) => x.serial === "CLEAN-1")!;
    expect(preview.machines.map((x) => [x.serial, x.skipped])).toEqual([
      [s, true],
      ["CLEAN-1", false],
    ]);
    await api.planogram.import({ orgId: m.org.id, mode: "merge", csv });
    expect(await api.planogram.get({ orgId: m.org.id, machineId: m.machine.id })).toEqual(before);
    expect(codesOf(await api.planogram.get({ orgId: m.org.id, machineId: clean.id }))).toEqual(["A1:WATER-05:5/2:150"]);
  });

  it("never matches another org's machines or products", async () => {
    const a = await createMachineWithPlanogram(t.db);
    const b = await createMachineWithPlanogram(t.db);
    const beforeA = await orgSnapshot(t.db, a.org.id);
    const apiB = callerFor(t.db, b.owner);
    // Org A's machine by serial and by name: B's own machine has the same name, so the name finds B's.
    const csv = file("machine,slot,sku,capacity,par", `${a.machine.serial},A1,COLA-033,5,2`, `${b.machine.name},D1,COLA-033,5,2`);
    const preview = await apiB.planogram.previewImport({ orgId: b.org.id, mode: "replace", csv });
    expect(preview.rows.map((r) => [r.outcome, r.machineId])).toEqual([
      ["error", null],
      ["new", b.machine.id],
    ]);
    await apiB.planogram.import({ orgId: b.org.id, mode: "replace", csv });
    expect(await orgSnapshot(t.db, a.org.id)).toEqual(beforeA);
    const slotsB = await apiB.planogram.get({ orgId: b.org.id, machineId: b.machine.id });
    expect(slotsB.map((s) => [s.code, s.productId])).toEqual([["D1", b.products.cola.id]]);
  });
});
