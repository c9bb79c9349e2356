import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type DbHandle } from "~/db/client";
import { createTestDatabase, testDriver, type TestDatabase } from "~/test/db";
import { handleEventsRequest } from "~/server/machine-api";
import { createMachineWithPlanogram, eventId, restock, sendEvents, signedRequest, vend } from "~/test/machines";

// The hot path's promise: a machine's batch of any size and mix costs two round trips to Postgres
// (a read script that begins the transaction, a write script that commits it; the bound the
// protocol's design sets is 4), counted at the driver: every call of a node-postgres client's
// query() is one trip to the server and back.

let t: TestDatabase;
let handle: DbHandle;
let trips = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  if (testDriver !== "postgres") return;
  handle = await createDb({ url: t.url!, driver: "pg", maxConnections: 2 });
  const query = pg.Client.prototype.query;
  const pool = (handle.db as unknown as { $client: pg.Pool }).$client;
  pool.on("connect", (client) => {
    client.query = function (this: pg.Client, ...args: unknown[]) {
      trips++;
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof client.query;
  });
});

afterAll(async () => {
  await handle?.close();
  await t.drop();
});

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

/** 500 events of every type, with what makes rules read history: door open, failures, recounts, faults. */
function mixedBatch() {
  const events: unknown[] = [];
  for (let i = 0; i < 100; i++) {
    const at = minutesAgo(210 - i * 2);
    events.push(
      { id: eventId(), type: "machine.heartbeat", occurredAt: at.toISOString(), data: { temperatureC: 4 + (i % 3), doorOpen: i > 90, firmware: "2.1.0", signalDbm: -70 } },
      vend(["A1", "A2", "B1"][i % 3]!, { at: new Date(at.getTime() + 10_000) }),
      vend("A2", { ok: false, at: new Date(at.getTime() + 20_000), reason: "dispense_failed" }),
      { ...vend("B1", { at: new Date(at.getTime() + 30_000) }), data: { ...vend("B1").data, orderId: `ord_missing_${i}`, consumerId: "cns_someone" } },
      i % 10 === 0 ? restock([{ slot: "A1", quantity: 8 }, { slot: "B1", quantity: 9 }], new Date(at.getTime() + 40_000)) : { id: eventId(), type: "cash.collected", occurredAt: at.toISOString(), data: { amountMinor: 1000, currency: "EUR" } },
    );
  }
  events.unshift(
    { id: eventId(), type: "machine.fault", occurredAt: minutesAgo(5).toISOString(), data: { code: "E42", severity: "critical", message: "Coin jam" } },
    { id: eventId(), type: "machine.fault_cleared", occurredAt: minutesAgo(4).toISOString(), data: { code: "E42" } },
    { id: eventId(), type: "machine.fault", occurredAt: minutesAgo(3).toISOString(), data: { code: "E7", severity: "warning" } },
  );
  return events.slice(0, 500);
}

describe.skipIf(testDriver !== "postgres")("ingest round trips", () => {
  it("takes two round trips for one event and for 500 of every type, with credentials cached", async () => {
    const m = await createMachineWithPlanogram(handle.db, { capacity: 500 });
    const heartbeat = () => ({ events: [{ id: eventId(), type: "machine.heartbeat", occurredAt: new Date().toISOString(), data: { temperatureC: 5 } }] });
    // The first request of a machine reads its credentials into the process's cache.
    expect((await sendEvents(handle.db, m.machine.id, m.secret, heartbeat())).status).toBe(200);

    trips = 0;
    expect((await sendEvents(handle.db, m.machine.id, m.secret, heartbeat())).status).toBe(200);
    expect(trips).toBeLessThanOrEqual(2);

    trips = 0;
    // The handler alone: the route makes the alert announcements after the response, outside the batch.
    const res = await handleEventsRequest(handle.db, m.machine.id, signedRequest(m.machine.id, m.secret, JSON.stringify({ events: mixedBatch() })));
    const counted = trips;
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: { status: string }[] };
    expect(results.filter((r) => r.status !== "accepted")).toEqual([]);
    expect(results).toHaveLength(500);
    expect(counted).toBeLessThanOrEqual(2);
    // And it did what a batch of every kind does: the fault, failures, door and stock raised alerts.
    const alerts = await handle.db.execute(`select rule from alerts where machine_id = '${m.machine.id}' order by rule`);
    expect(new Set((alerts as unknown as { rows: { rule: string }[] }).rows.map((r) => r.rule))).toEqual(new Set(["door_open", "low_stock", "machine_fault", "vend_failures"]));
  });
});
