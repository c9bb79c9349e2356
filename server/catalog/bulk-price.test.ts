import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { callerFor, createOrg } from "~/test/factories";
import { createMachineWithPlanogram } from "~/test/machines";
import { orgSnapshot } from "~/test/rows";
import { changedPrice } from "./contract";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

describe("changedPrice", () => {
  it("rounds a percentage to the nearest minor unit, halves up, without float drift", () => {
    expect(changedPrice(125, { kind: "percent", percent: 10 })).toBe(138);
    expect(changedPrice(250, { kind: "percent", percent: 10 })).toBe(275);
    expect(changedPrice(199, { kind: "percent", percent: -15 })).toBe(169);
    expect(changedPrice(1000, { kind: "percent", percent: 2.5 })).toBe(1025);
    expect(changedPrice(333, { kind: "percent", percent: 0.07 })).toBe(333);
    expect(changedPrice(180, { kind: "percent", percent: -100 })).toBe(0);
    expect(changedPrice(180, { kind: "amount", amountMinor: -30 })).toBe(150);
    expect(changedPrice(180, { kind: "set", priceMinor: 200 })).toBe(200);
  });
});

describe("bulk price change", () => {
  it("changes the chosen products in one save, audits each like a single edit, and a repeat is harmless", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const api = callerFor(t.db, m.owner);
    const { cola, water, bar } = m.products;
    const chosen = [
      { productId: cola.id, priceMinor: 250 },
      { productId: water.id, priceMinor: 150 },
    ];
    const input = { orgId: m.org.id, products: chosen, change: { kind: "percent" as const, percent: 10 } };
    expect(await api.products.changePrices(input)).toEqual({ changed: 2, unchanged: 0 });
    // The same request again (a double click, a retry) finds the new prices and changes nothing.
    expect(await api.products.changePrices(input)).toEqual({ changed: 0, unchanged: 2 });
    const prices = Object.fromEntries((await api.products.list({ orgId: m.org.id })).map((p) => [p.sku, p.priceMinor]));
    expect(prices).toEqual({ "COLA-033": 275, "WATER-05": 165, "BAR-CHOC": 180 });
    const audit = await api.audit.list({ orgId: m.org.id, action: "product.updated" });
    expect(audit.entries.map((e) => [e.targetId, e.data]).sort()).toEqual(
      [
        [cola.id, { priceMinor: { from: 250, to: 275 } }],
        [water.id, { priceMinor: { from: 150, to: 165 } }],
      ].sort(),
    );
    // A price that moved since the person looked is not overwritten.
    await expect(
      api.products.changePrices({ orgId: m.org.id, products: [{ productId: bar.id, priceMinor: 170 }], change: { kind: "amount", amountMinor: 20 } }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: "The price of Chocolate bar changed since you looked; review the change again." });
  });

  it("refuses a price below zero and bad changes, writing nothing", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const api = callerFor(t.db, m.owner);
    const before = await orgSnapshot(t.db, m.org.id);
    const products = [
      { productId: m.products.cola.id, priceMinor: 250 },
      { productId: m.products.water.id, priceMinor: 150 },
    ];
    await expect(api.products.changePrices({ orgId: m.org.id, products, change: { kind: "amount", amountMinor: -200 } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Water 0.5 l would cost -€0.50; a price must be between 0 and €1,000,000.00.",
    });
    await expect(api.products.changePrices({ orgId: m.org.id, products, change: { kind: "percent", percent: 1.234 } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Use at most two decimals.",
    });
    await expect(api.products.changePrices({ orgId: m.org.id, products: [], change: { kind: "set", priceMinor: 100 } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Choose at least one product.",
    });
    expect(await orgSnapshot(t.db, m.org.id)).toEqual(before);
  });

  it("never changes another org's products: their ids are not found", async () => {
    const a = await createMachineWithPlanogram(t.db);
    const b = await createOrg(t.db);
    const beforeA = await orgSnapshot(t.db, a.org.id);
    const own = await callerFor(t.db, b.owner).products.create({ orgId: b.org.id, sku: "B-1", name: "Mine", priceMinor: 100 });
    await expect(
      callerFor(t.db, b.owner).products.changePrices({
        orgId: b.org.id,
        products: [
          { productId: own.id, priceMinor: 100 },
          { productId: a.products.cola.id, priceMinor: 250 },
        ],
        change: { kind: "set", priceMinor: 1 },
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await orgSnapshot(t.db, a.org.id)).toEqual(beforeA);
    expect((await callerFor(t.db, b.owner).products.list({ orgId: b.org.id }))[0]!.priceMinor).toBe(100);
  });
});
