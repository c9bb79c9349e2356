import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { raiseAlert } from "~/server/alerts";
import { createProduct } from "~/server/catalog";
import { registerMachine } from "~/server/fleet";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { callerFor } from "~/test/factories";
import { asOwner, createMachineWithPlanogram } from "~/test/machines";
import { createPaymentsFixture } from "~/test/payments";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

/** An org with a machine, a location, products, an open fault and a paid order; two orgs share the names. */
async function searchableOrg() {
  const made = await createMachineWithPlanogram(t.db);
  const { orderId } = await createPaymentsFixture(t.db, made.org.id, made.machine.id);
  const alert = await asOwner(t.db, made.org.id, made.owner.id, async (ctx) => {
    await createProduct(ctx, { sku: "JUICE_100", name: "100% juice", priceMinor: 300 });
    await createProduct(ctx, { sku: "JUICEX100", name: "100 juice light", priceMinor: 300 });
    await registerMachine(ctx, { name: "Depot spare", serial: `SP-${made.org.id.slice(-6)}` });
    const change = await raiseAlert(ctx, { machineId: made.machine.id, rule: "machine_fault", code: "COIN_JAM", severity: "warning", at: new Date(), data: { message: "Coin jam" } });
    return change.alert;
  });
  return { ...made, orderId, alertId: alert.id, api: callerFor(t.db, made.owner) };
}

describe("search.query", () => {
  it("finds machines, locations, products, open alerts and orders of the org", async () => {
    const a = await searchableOrg();
    const find = (q: string) => a.api.search.query({ orgId: a.org.id, q });

    const byName = await find("  station ");
    expect(byName.machines).toEqual([{ id: a.machine.id, name: "Station hall 1", serial: a.machine.serial, locationName: "Main station" }]);
    expect(byName.locations.map((l) => l.id)).toEqual([a.location.id]);

    expect((await find(a.machine.serial.toLowerCase())).machines.map((m) => m.id)).toEqual([a.machine.id]);
    expect((await find("cola 0")).products.map((p) => p.sku)).toEqual(["COLA-033"]);
    expect((await find("bar-ch")).products.map((p) => p.name)).toEqual(["Chocolate bar"]);

    const faults = await find("coin_jam");
    expect(faults.alerts).toEqual([{ id: a.alertId, title: expect.stringContaining("Coin jam"), severity: "warning", status: "open", machineName: "Station hall 1" }]);
    // The rule's label finds its alerts too.
    expect((await find("machine fault")).alerts.map((x) => x.id)).toEqual([a.alertId]);

    const order = await find(a.orderId.slice(-8));
    expect(order.orders).toEqual([expect.objectContaining({ id: a.orderId, machineId: a.machine.id, machineName: "Station hall 1", productName: "Cola 0.33 l" })]);
  });

  it("takes % and _ literally", async () => {
    const a = await searchableOrg();
    const find = (q: string) => a.api.search.query({ orgId: a.org.id, q });
    expect((await find("100%")).products.map((p) => p.name)).toEqual(["100% juice"]);
    expect((await find("e_1")).products.map((p) => p.sku)).toEqual(["JUICE_100"]);
    expect((await find("%")).products.map((p) => p.name)).toEqual(["100% juice"]);
    // Order ids hold a "_" of their own ("ord_..."), so only products and machines tell here.
    expect(await find("_")).toMatchObject({ machines: [], locations: [], products: [{ sku: "JUICE_100" }] });
    expect((await find("\\")).products).toEqual([]);
  });

  it("limits each kind and leaves resolved alerts out", async () => {
    const a = await searchableOrg();
    await asOwner(t.db, a.org.id, a.owner.id, async (ctx) => {
      for (let i = 0; i < 7; i++) await createProduct(ctx, { sku: `GUM-${i}`, name: `Gum ${i}`, priceMinor: 100 });
    });
    const gum = await a.api.search.query({ orgId: a.org.id, q: "gum" });
    expect(gum.products).toHaveLength(5);
    await a.api.alerts.resolve({ orgId: a.org.id, alertId: a.alertId });
    expect((await a.api.search.query({ orgId: a.org.id, q: "coin" })).alerts).toEqual([]);
  });

  it("never shows another org's things, even with the same names", async () => {
    const a = await searchableOrg();
    const b = await searchableOrg();
    const mine = await a.api.search.query({ orgId: a.org.id, q: "station" });
    expect(mine.machines.map((m) => m.id)).toEqual([a.machine.id]);
    expect(mine.locations.map((l) => l.id)).toEqual([a.location.id]);
    for (const q of ["cola", "coin", "juice", b.machine.serial, b.orderId]) {
      const found = await a.api.search.query({ orgId: a.org.id, q });
      const ids = Object.values(found).flatMap((rows: { id: string }[]) => rows.map((r) => r.id));
      for (const theirs of [b.machine.id, b.location.id, b.products.cola.id, b.alertId, b.orderId]) expect(ids).not.toContain(theirs);
    }
    // A member of one org cannot search the other.
    await expect(a.api.search.query({ orgId: b.org.id, q: "station" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses an empty or over-long query", async () => {
    const a = await searchableOrg();
    await expect(a.api.search.query({ orgId: a.org.id, q: "   " })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(a.api.search.query({ orgId: a.org.id, q: "x".repeat(101) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
