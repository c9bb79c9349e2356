import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "~/db/ids";
import { notificationDeliveries, sales } from "~/db/schema";
import { withTenant } from "~/db/tenant";
import { createTestDatabase, testDriver, type TestDatabase } from "~/test/db";
import { asOwner, createMachineWithPlanogram, sendEvents, vend } from "~/test/machines";
import { integratorEvents } from "./integrator-events";
import { queueSaleBatches } from "./sales-feed";
import { createEndpoint, updateEndpoint } from "./webhook-endpoints";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

type Machine = Awaited<ReturnType<typeof createMachineWithPlanogram>>;
const URL = "https://hooks.example.com/vendops";

async function endpointFor(m: Machine, eventTypes: ("sale.recorded" | "alert.raised")[] = []) {
  const { endpoint } = await asOwner(t.db, m.org.id, m.owner.id, (ctx) => createEndpoint(ctx, { url: URL, eventTypes }));
  return endpoint.id;
}

async function sell(m: Machine, count: number) {
  const events = Array.from({ length: count }, (_, i) => vend(i % 2 ? "A1" : "A2"));
  const res = await sendEvents(t.db, m.machine.id, m.secret, { events });
  expect(res.json.results!.every((r) => r.status === "accepted")).toBe(true);
  return events.map((e) => e.id);
}

/** The sale.recorded deliveries queued for an endpoint, oldest first, each as the event ids of its sales. */
async function batchesOf(endpointId: string) {
  const rows = await t.db
    .select({ payload: notificationDeliveries.payload })
    .from(notificationDeliveries)
    .where(and(eq(notificationDeliveries.endpointId, endpointId), eq(notificationDeliveries.eventType, "sale.recorded")))
    .orderBy(notificationDeliveries.createdAt, notificationDeliveries.id);
  const ids = await t.db.select({ id: sales.id, eventId: sales.eventId }).from(sales);
  const eventOf = new Map(ids.map((s) => [s.id, s.eventId]));
  return rows.map(({ payload }) => {
    expect(payload.type).toBe("sale.recorded");
    const data = integratorEvents["sale.recorded"].data.parse(payload.data);
    // Each delivery as a set: a batch's vends share their time.
    return data.sales.map((s) => eventOf.get(s.id)!).sort();
  });
}

describe("sale.recorded", () => {
  it("sends the sales since the last run in one delivery per endpoint, each sale once, only to subscribed endpoints of the org", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const other = await createMachineWithPlanogram(t.db);
    const all = await endpointFor(m);
    const subscribed = await endpointFor(m, ["sale.recorded"]);
    const alertsOnly = await endpointFor(m, ["alert.raised"]);
    const otherOrg = await endpointFor(other);

    const first = (await sell(m, 3)).sort();
    await queueSaleBatches(t.db);
    expect(await batchesOf(all)).toEqual([first]);
    expect(await batchesOf(subscribed)).toEqual([first]);
    expect(await batchesOf(alertsOnly)).toEqual([]);
    expect(await batchesOf(otherOrg)).toEqual([]);

    // Nothing new, nothing queued.
    expect(await queueSaleBatches(t.db)).toMatchObject({ deliveries: 0 });
    expect(await batchesOf(all)).toHaveLength(1);

    const next = (await sell(m, 1)).sort();
    await queueSaleBatches(t.db);
    expect(await batchesOf(all)).toEqual([first, next]);
    expect(await batchesOf(subscribed)).toEqual([first, next]);
    expect(await batchesOf(otherOrg)).toEqual([]);

    const payload = (await t.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.endpointId, subscribed)))[0]!.payload as {
      data: { sales: Record<string, unknown>[] };
    };
    expect(payload.data.sales[0]).toMatchObject({ machine_id: m.machine.id, location_id: m.location.id, amount_minor: 250, currency: "EUR", payment_method: "card", status: "succeeded" });
  });

  it("splits a backlog into deliveries of at most the limit, in order, none twice", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const endpoint = await endpointFor(m, ["sale.recorded"]);
    const sold = [...(await sell(m, 3)), ...(await sell(m, 2))];
    expect(await queueSaleBatches(t.db, { limit: 2 })).toMatchObject({ sales: 5 });
    const batches = await batchesOf(endpoint);
    expect(batches.map((b) => b.length)).toEqual([2, 2, 1]);
    expect(batches.flat().sort()).toEqual([...sold].sort());
    expect(await queueSaleBatches(t.db, { limit: 2 })).toMatchObject({ deliveries: 0 });
  });

  it("gives a new endpoint, or one that starts receiving sales, the sales from then on, not the history", async () => {
    const m = await createMachineWithPlanogram(t.db);
    await sell(m, 2);
    const later = await endpointFor(m, ["sale.recorded"]);
    const alertsOnly = await endpointFor(m, ["alert.raised"]);
    await sell(m, 1);
    await queueSaleBatches(t.db);
    expect((await batchesOf(later)).flat()).toHaveLength(1);

    await asOwner(t.db, m.org.id, m.owner.id, (ctx) => updateEndpoint(ctx, { endpointId: alertsOnly, url: URL, eventTypes: ["alert.raised", "sale.recorded"] }));
    const after = await sell(m, 1);
    await queueSaleBatches(t.db);
    expect(await batchesOf(alertsOnly)).toEqual([after]);
  });

  it("queues each sale once when two runs race", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const endpoints = [await endpointFor(m, ["sale.recorded"]), await endpointFor(m)];
    const sold = await sell(m, 4);
    await Promise.all([queueSaleBatches(t.db, { limit: 3 }), queueSaleBatches(t.db, { limit: 3 }), queueSaleBatches(t.db, { limit: 3 })]);
    await queueSaleBatches(t.db, { limit: 3 });
    for (const endpoint of endpoints) expect((await batchesOf(endpoint)).flat().sort()).toEqual([...sold].sort());
  });

  it.skipIf(testDriver !== "postgres")("sends a sale whose transaction commits after a run went past it, once", async () => {
    const m = await createMachineWithPlanogram(t.db);
    const endpoint = await endpointFor(m, ["sale.recorded"]);
    // Written straight into the table: ingest would wait for the machine row the slow sale holds a key lock on.
    const saleRow = (eventId: string) => ({
      id: newId("sal"), orgId: m.org.id, machineId: m.machine.id, eventId, slotCode: "A1", status: "succeeded" as const,
      priceMinor: 250, currency: "EUR", paymentMethod: "card" as const, occurredAt: new Date(Date.now() - 60_000),
    });
    let commit!: () => void;
    const held = new Promise<void>((resolve) => (commit = resolve));
    let written!: () => void;
    const inserted = new Promise<void>((resolve) => (written = resolve));
    // Its transaction begins (and takes its id) first, and commits last.
    const slow = withTenant(t.db, { orgId: m.org.id }, async (tx) => {
      await tx.insert(sales).values(saleRow("slow-1"));
      written();
      await held;
    });
    await inserted;
    await withTenant(t.db, { orgId: m.org.id }, (tx) => tx.insert(sales).values(saleRow("quick-1")));
    const quick = ["quick-1"];
    await queueSaleBatches(t.db);
    expect(await batchesOf(endpoint)).toEqual([quick]);
    commit();
    await slow;
    await queueSaleBatches(t.db);
    expect(await batchesOf(endpoint)).toEqual([quick, ["slow-1"]]);
    expect(await queueSaleBatches(t.db)).toMatchObject({ deliveries: 0 });
  });
});
