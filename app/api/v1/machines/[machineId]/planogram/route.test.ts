import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, slots } from "~/db/schema";
import { apiKeyFor, apiTestDatabase, callApi, expectProblem, okJson } from "~/test/api-calls";
import { callerFor } from "~/test/factories";
import { createMachineWithPlanogram } from "~/test/machines";
import { GET as getPlanogram } from "./route";
import { GET as getSlot, PATCH as patchSlot } from "./slots/[slot]/route";

const db = apiTestDatabase();

interface SlotBody {
  code: string;
  product_id: string | null;
  product_name: string | null;
  product_sku: string | null;
  price_minor: number | null;
  price_override_minor: number | null;
  currency: string;
  capacity: number;
  par_level: number;
}
interface PlanogramBody {
  machine_id: string;
  currency: string;
  slots: (SlotBody & { stock: number; stock_counted_at: string | null })[];
}

const planogram = (key: string, machineId: string) => callApi(getPlanogram, `/machines/${machineId}/planogram`, { key, params: { machineId } });
const slot = (key: string, machineId: string, code: string) => callApi(getSlot, `/machines/${machineId}/planogram/slots/${code}`, { key, params: { machineId, slot: code } });
const patch = (key: string, machineId: string, code: string, body: unknown, headers: Record<string, string> = {}) =>
  callApi(patchSlot, `/machines/${machineId}/planogram/slots/${code}`, { key, method: "PATCH", params: { machineId, slot: code }, body, headers });

/** A machine with slots A1 (cola 2.50), A2 (water 1.50), B1 (bar 1.80), capacity 10, par 5. */
async function machine() {
  const setup = await createMachineWithPlanogram(db().db);
  const key = (...scopes: Parameters<typeof apiKeyFor>[3]) => apiKeyFor(db().db, setup.owner, setup.org.id, scopes);
  /** The planogram as the app's machine page reads it. */
  const appPlanogram = () => callerFor(db().db, setup.owner).planogram.get({ orgId: setup.org.id, machineId: setup.machine.id });
  return { ...setup, key, appPlanogram };
}

describe("GET /api/v1/machines/{id}/planogram", () => {
  it("answers the machine's slots with product, price, capacity, par and stock; 404 for another org's machine", async () => {
    const mine = await machine();
    const theirs = await machine();
    await db().db.update(slots).set({ stock: 7 }).where(and(eq(slots.machineId, mine.machine.id), eq(slots.code, "A1")));
    const key = await mine.key("planograms:read");
    const body = await okJson<PlanogramBody>(await planogram(key, mine.machine.id));
    expect(body.machine_id).toBe(mine.machine.id);
    expect(body.currency).toBe(mine.org.currency);
    expect(body.slots.map((s) => s.code)).toEqual(["A1", "A2", "B1"]);
    expect(body.slots[0]).toEqual({
      code: "A1",
      product_id: mine.products.cola.id,
      product_name: "Cola 0.33 l",
      product_sku: "COLA-033",
      price_minor: 250,
      price_override_minor: null,
      currency: mine.org.currency,
      capacity: 10,
      par_level: 5,
      stock: 7,
      stock_counted_at: null,
    });
    await expectProblem(await planogram(key, theirs.machine.id), 404);
    await expectProblem(await slot(key, theirs.machine.id, "A1"), 404);
    await expectProblem(await planogram(await mine.key("machines:read"), mine.machine.id), 403);
  });
});

describe("PATCH /api/v1/machines/{id}/planogram/slots/{slot}: changing a price", () => {
  it("sets a slot's price that the app then shows, audited with the key as the actor", async () => {
    const m = await machine();
    const { key, apiKey } = await callerFor(db().db, m.owner).apiKeys.create({ orgId: m.org.id, name: "Pricing tool", scopes: ["planograms:read", "planograms:write"] });
    const read = await slot(key, m.machine.id, "a1");
    expect(await okJson<SlotBody>(read)).toMatchObject({ code: "A1", price_minor: 250, price_override_minor: null });
    const response = await patch(key, m.machine.id, "A1", { price_minor: 180 }, { "if-match": read.headers.get("etag")! });
    expect(await okJson<SlotBody>(response)).toMatchObject({ code: "A1", product_id: m.products.cola.id, price_minor: 180, price_override_minor: 180, capacity: 10, par_level: 5 });

    // The app's planogram (what the machine page and the pay page read) sells A1 at 1.80, the others as before.
    const app = await m.appPlanogram();
    expect(app.map((s) => [s.code, Number(s.priceMinor)])).toEqual([["A1", 180], ["A2", 150], ["B1", 180]]);
    const audit = await db()
      .db.select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, m.org.id), eq(auditLog.action, "planogram.updated"), eq(auditLog.actorType, "api_key")));
    expect(audit).toEqual([
      expect.objectContaining({
        actorId: apiKey.id,
        actorLabel: "Pricing tool",
        targetType: "machine",
        targetId: m.machine.id,
        data: expect.objectContaining({ changed: { priceOverrideMinor: { from: null, to: 180 } } }),
      }),
    ]);

    // null sells at the product's price again.
    expect(await okJson<SlotBody>(await patch(key, m.machine.id, "A1", { price_minor: null }))).toMatchObject({ price_minor: 250, price_override_minor: null });
  });

  it("refuses a stale If-Match with 412 and leaves the price unchanged", async () => {
    const m = await machine();
    const key = await m.key("planograms:read", "planograms:write");
    const etag = (await slot(key, m.machine.id, "A2")).headers.get("etag")!;
    // Someone changes the slot after the read.
    await okJson<SlotBody>(await patch(key, m.machine.id, "A2", { par_level: 3 }));
    const stale = await expectProblem(await patch(key, m.machine.id, "A2", { price_minor: 99 }, { "if-match": etag }), 412);
    expect(stale.current_etag).toEqual(expect.any(String));
    expect((await m.appPlanogram()).find((s) => s.code === "A2")).toMatchObject({ priceOverrideMinor: null, parLevel: 3 });
    expect(Number((await m.appPlanogram()).find((s) => s.code === "A2")!.priceMinor)).toBe(150);
  });

  it("keeps the ETag across vends (stock is not part of the slot), but not across a change of its product's price", async () => {
    const m = await machine();
    const key = await m.key("planograms:read", "planograms:write");
    const etag = (await slot(key, m.machine.id, "B1")).headers.get("etag")!;
    await db().db.update(slots).set({ stock: 4 }).where(and(eq(slots.machineId, m.machine.id), eq(slots.code, "B1")));
    expect((await slot(key, m.machine.id, "B1")).headers.get("etag")).toBe(etag);
    await callerFor(db().db, m.owner).products.update({ orgId: m.org.id, productId: m.products.bar.id, sku: "BAR-CHOC", name: "Chocolate bar", priceMinor: 200 });
    await expectProblem(await patch(key, m.machine.id, "B1", { price_minor: 150 }, { "if-match": etag }), 412);
  });

  it("changes the product, capacity and par level; stock is capped at a lower capacity", async () => {
    const m = await machine();
    const key = await m.key("planograms:write");
    await db().db.update(slots).set({ stock: 9 }).where(and(eq(slots.machineId, m.machine.id), eq(slots.code, "B1")));
    const changed = await okJson<SlotBody>(await patch(key, m.machine.id, "B1", { product_id: m.products.water.id, capacity: 6, par_level: 2 }));
    expect(changed).toMatchObject({ product_id: m.products.water.id, product_name: "Water 0.5 l", price_minor: 150, capacity: 6, par_level: 2 });
    expect((await m.appPlanogram()).find((s) => s.code === "B1")).toMatchObject({ productId: m.products.water.id, capacity: 6, parLevel: 2, stock: 6 });
    expect(await okJson<SlotBody>(await patch(key, m.machine.id, "B1", { product_id: null }))).toMatchObject({ product_id: null, product_name: null, price_minor: null });
  });

  it("refuses bad input (400 with errors), an unknown slot or another org's machine or product (404), and a read-only key (403)", async () => {
    const m = await machine();
    const theirs = await machine();
    const key = await m.key("planograms:write");
    const negative = await expectProblem(await patch(key, m.machine.id, "A1", { price_minor: -5 }), 400);
    expect(negative.errors).toEqual({ price_minor: ["A price cannot be negative."] });
    expect((await expectProblem(await patch(key, m.machine.id, "A1", { price_minor: 1.99 }), 400)).errors).toHaveProperty("price_minor");
    expect((await expectProblem(await patch(key, m.machine.id, "A1", { price: 100 }), 400)).errors).toBeDefined();
    const overPar = await expectProblem(await patch(key, m.machine.id, "A1", { par_level: 11 }), 400);
    expect(overPar.errors).toHaveProperty("par_level");
    expect((await expectProblem(await patch(key, m.machine.id, "A-1", { price_minor: 1 }), 400)).errors).toHaveProperty("slot");
    await expectProblem(await patch(key, m.machine.id, "Z9", { price_minor: 100 }), 404);
    await expectProblem(await patch(key, theirs.machine.id, "A1", { price_minor: 100 }), 404);
    const foreignProduct = await expectProblem(await patch(key, m.machine.id, "A1", { product_id: theirs.products.cola.id }), 404);
    expect(foreignProduct.errors).toHaveProperty("product_id");
    await expectProblem(await patch(await m.key("planograms:read"), m.machine.id, "A1", { price_minor: 100 }), 403);
    const app = await m.appPlanogram();
    expect(app.find((s) => s.code === "A1")).toMatchObject({ priceOverrideMinor: null, productId: m.products.cola.id, parLevel: 5 });
    expect((await callerFor(db().db, theirs.owner).planogram.get({ orgId: theirs.org.id, machineId: theirs.machine.id })).every((s) => s.priceOverrideMinor === null)).toBe(true);
  });

  it("applies a change once for one Idempotency-Key", async () => {
    const m = await machine();
    const key = await m.key("planograms:write");
    const first = await patch(key, m.machine.id, "A1", { price_minor: 300 }, { "idempotency-key": "price-a1" });
    const again = await patch(key, m.machine.id, "A1", { price_minor: 300 }, { "idempotency-key": "price-a1" });
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(await first.json());
    await expectProblem(await patch(key, m.machine.id, "A1", { price_minor: 310 }, { "idempotency-key": "price-a1" }), 422);
    const audit = await db()
      .db.select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, m.org.id), eq(auditLog.action, "planogram.updated"), eq(auditLog.actorType, "api_key")));
    expect(audit).toHaveLength(1);
  });
});
