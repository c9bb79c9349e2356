import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { machines, sales, slots } from "~/db/schema";
import { setMachineDisabled } from "~/server/fleet";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { IngestServer } from "~/test/ingest-server";
import { asOwner, createMachineWithPlanogram, restock, vend } from "~/test/machines";
import { MachineClient, type MachineClientOptions } from "./client";
import type { ProtocolEvent } from "./protocol";

let t: TestDatabase;
let server: IngestServer;
let tmp: string;
beforeAll(async () => {
  t = await createTestDatabase();
  server = await new IngestServer(t.db).start();
  tmp = mkdtempSync(path.join(tmpdir(), "vendops-client-"));
});
afterEach(async () => {
  server.intercept = undefined;
  await server.start().catch(() => {}); // a test that stopped it leaves it running again
});
afterAll(async () => {
  await server.stop();
  await t.drop();
  rmSync(tmp, { recursive: true, force: true });
});

/** A machine of its own (so the per-machine rate limit is its own) and a client with a hand-moved clock. */
async function setup(options: Partial<MachineClientOptions> = {}) {
  const m = await createMachineWithPlanogram(t.db);
  const clock = { now: Date.now() };
  const delays: number[] = [];
  const client = new MachineClient({
    baseUrl: server.url,
    machineId: m.machine.id,
    secret: m.secret,
    now: () => clock.now,
    random: () => 0.5,
    sleep: async (ms) => {
      delays.push(ms);
      clock.now += ms;
    },
    ...options,
  });
  return { m, client, clock, delays };
}

const ev = (e: ReturnType<typeof vend> | ReturnType<typeof restock>) => e as ProtocolEvent;
const heartbeat = (id: string): ProtocolEvent => ({ id, type: "machine.heartbeat", occurredAt: new Date().toISOString(), data: { temperatureC: 4.2 } });
const salesOf = (machineId: string, ids: string[]) => t.db.select().from(sales).where(and(eq(sales.machineId, machineId), inArray(sales.eventId, ids)));
const stockOf = async (machineId: string, code: string) =>
  (await t.db.select({ stock: slots.stock }).from(slots).where(and(eq(slots.machineId, machineId), eq(slots.code, code))))[0]!.stock;
const requestsOf = (ids: string[]) => server.requests.filter((r) => r.eventIds.some((id) => ids.includes(id)));

describe("the reference machine client against the real ingest", () => {
  it("delivers signed batches that the server accepts, with their effects", async () => {
    const { m, client } = await setup();
    const at = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    const events = [ev(restock([{ slot: "A1", quantity: 10 }], at(30))), ev(vend("A1", { at: at(20) })), ev(vend("A1", { at: at(10) })), heartbeat(`hb-${m.machine.id}`)];
    client.enqueue(...events);
    const report = await client.flush();
    expect(report).toMatchObject({ outcome: "delivered", requests: 1, accepted: 4, duplicate: 0, rejected: [], commands: [] });
    expect(client.buffered).toBe(0);
    expect(await stockOf(m.machine.id, "A1")).toBe(8);
    expect(await salesOf(m.machine.id, events.map((e) => e.id))).toHaveLength(2);
    const [machine] = await t.db.select().from(machines).where(eq(machines.id, m.machine.id));
    expect(machine).toMatchObject({ status: "online", temperatureC: 4.2 });
  });

  it("keeps events while the server is down and delivers each exactly once when it is back", async () => {
    const { m, client, clock } = await setup();
    await server.stop();
    const events = [ev(vend("A1")), ev(vend("A2")), ev(vend("B1"))];
    client.enqueue(...events);
    const offline = await client.flush();
    expect(offline).toMatchObject({ outcome: "waiting", requests: 1, accepted: 0, error: { status: null, code: "network_error", retryable: true } });
    expect(offline.retryAt).toBeGreaterThan(clock.now);
    expect(client.buffered).toBe(3);

    await server.start();
    expect(await client.flush()).toMatchObject({ outcome: "waiting", requests: 0 }); // still backing off
    clock.now = offline.retryAt!;
    expect(await client.flush()).toMatchObject({ outcome: "delivered", requests: 1, accepted: 3 });
    expect(await client.flush()).toMatchObject({ outcome: "empty", requests: 0 });
    expect(await salesOf(m.machine.id, events.map((e) => e.id))).toHaveLength(3);
  });

  it("resends a batch whose answer was lost with the same webhook-id, and the repeats count once", async () => {
    const { m, client, clock } = await setup();
    server.intercept = () => "drop"; // the server commits, then the connection breaks before the answer
    const events = [ev(vend("A1")), ev(vend("A1"))];
    client.enqueue(...events);
    const lost = await client.flush();
    expect(lost).toMatchObject({ outcome: "waiting", error: { code: "network_error" } });
    server.intercept = undefined;
    clock.now = lost.retryAt!;
    expect(await client.flush()).toMatchObject({ outcome: "delivered", accepted: 0, duplicate: 2 });
    const sent = requestsOf(events.map((e) => e.id));
    expect(sent).toHaveLength(2);
    expect(sent[1]!.webhookId).toBe(sent[0]!.webhookId);
    expect(await salesOf(m.machine.id, events.map((e) => e.id))).toHaveLength(2);
  });

  it("retries 500, 503 and 429 with exponential backoff and jitter, honouring retry-after, with the same webhook-id", async () => {
    const { client, delays } = await setup({ backoff: { initialMs: 1000, maxMs: 60_000 } });
    const fail = [
      () => Response.json({ error: { code: "server_error", message: "boom" } }, { status: 500 }),
      () => new Response("bad gateway", { status: 503 }),
      () => Response.json({ error: { code: "rate_limited", message: "slow down" } }, { status: 429, headers: { "retry-after": "7" } }),
    ];
    let failures = 0;
    server.intercept = () => fail[failures++]?.();
    const events = [ev(vend("A1")), ev(vend("B1"))];
    client.enqueue(...events);
    const report = await client.flushUntilDone();
    expect(report).toMatchObject({ outcome: "delivered", requests: 4, accepted: 2 });
    // Half fixed, half random (random() = 0.5): 1 s -> 750 ms, 2 s -> 1500 ms; then retry-after 7 s plus up to 10 %.
    expect(delays).toEqual([750, 1500, 7350]);
    const sent = requestsOf(events.map((e) => e.id));
    expect(sent.map((r) => r.status)).toEqual([500, 503, 429, 200]);
    expect(new Set(sent.map((r) => r.webhookId)).size).toBe(1);
  });

  it("never resends an event the server rejected, and records why", async () => {
    const { client } = await setup();
    const good = ev(vend("A1"));
    const unknown = ev(vend("Z9"));
    client.enqueue(good, unknown, ev(vend("B1")));
    const report = await client.flush();
    expect(report).toMatchObject({ outcome: "delivered", accepted: 2 });
    expect(report.rejected).toEqual([{ event: unknown, error: { code: "unknown_slot", message: expect.stringContaining("Z9") } }]);
    expect(client.rejections.map((r) => r.event.id)).toEqual([unknown.id]);
    expect(client.buffered).toBe(0);

    const later = ev(vend("A2"));
    client.enqueue(later);
    await client.flush();
    expect(requestsOf([unknown.id])).toHaveLength(1);
    expect(requestsOf([later.id])[0]!.eventIds).toEqual([later.id]);
  });

  it("sends at most 500 events a request, each batch with a webhook-id of its own", async () => {
    const { m, client } = await setup();
    const events = Array.from({ length: 1100 }, (_, i) => heartbeat(`hb-${m.machine.id.slice(-8)}-${i}`));
    client.enqueue(...events);
    expect(await client.flush()).toMatchObject({ outcome: "delivered", requests: 3, accepted: 1100 });
    const sent = requestsOf(events.map((e) => e.id));
    expect(sent.map((r) => r.eventIds.length)).toEqual([500, 500, 100]);
    expect(new Set(sent.map((r) => r.webhookId)).size).toBe(3);
  });

  it("halves a batch the server finds too large (413)", async () => {
    const { client } = await setup();
    server.intercept = ({ eventIds }) => (eventIds.length > 5 ? Response.json({ error: { code: "payload_too_large", message: "too big" } }, { status: 413 }) : undefined);
    const events = Array.from({ length: 10 }, () => ev(vend("A1")));
    client.enqueue(...events);
    expect(await client.flush()).toMatchObject({ outcome: "delivered", accepted: 10 });
    expect(requestsOf(events.map((e) => e.id)).map((r) => [r.eventIds.length, r.status])).toEqual([[10, 413], [5, 200], [5, 200]]);
  });

  it("stops on 401 and 403 without dropping events, and goes on after resume()", async () => {
    const { m, client } = await setup({ secret: `whsec_${Buffer.alloc(32, 9).toString("base64")}` });
    client.enqueue(ev(vend("A1")));
    expect(await client.flush()).toMatchObject({ outcome: "halted", error: { status: 401, code: "invalid_signature", retryable: false } });
    expect(await client.flush()).toMatchObject({ outcome: "halted", requests: 0 });
    expect(client.buffered).toBe(1);

    await asOwner(t.db, m.org.id, m.owner.id, (ctx) => setMachineDisabled(ctx, { machineId: m.machine.id, disabled: true }));
    client.resume(m.secret);
    expect(await client.flush()).toMatchObject({ outcome: "halted", error: { status: 403, code: "machine_disabled" } });
    await asOwner(t.db, m.org.id, m.owner.id, (ctx) => setMachineDisabled(ctx, { machineId: m.machine.id, disabled: false }));
    client.resume();
    expect(await client.flush()).toMatchObject({ outcome: "delivered", accepted: 1 });
  });

  it("keeps its buffer, and the webhook-id of the batch in flight, in a file across restarts", async () => {
    const bufferFile = path.join(tmp, "buffer.json");
    const { m, client } = await setup({ bufferFile });
    server.intercept = () => new Response(null, { status: 502 });
    const events = [ev(vend("A1")), ev(vend("A2"))];
    client.enqueue(...events);
    expect(await client.flush()).toMatchObject({ outcome: "waiting" });
    server.intercept = undefined;

    const restarted = new MachineClient({ baseUrl: server.url, machineId: m.machine.id, secret: m.secret, bufferFile });
    expect(restarted.buffered).toBe(2);
    expect(await restarted.flush()).toMatchObject({ outcome: "delivered", accepted: 2 });
    const sent = requestsOf(events.map((e) => e.id));
    expect(sent).toHaveLength(2);
    expect(sent[1]!.webhookId).toBe(sent[0]!.webhookId);
    expect(new MachineClient({ baseUrl: server.url, machineId: m.machine.id, secret: m.secret, bufferFile }).buffered).toBe(0);
  });

  it("sends a batch once when flushed twice at the same time", async () => {
    const { client } = await setup();
    const event = ev(vend("A1"));
    client.enqueue(event);
    const [a, b] = await Promise.all([client.flush(), client.flush()]);
    expect(a).toBe(b);
    expect(a).toMatchObject({ outcome: "delivered", accepted: 1 });
    expect(requestsOf([event.id])).toHaveLength(1);
  });

  it("returns the commands the server sends", async () => {
    const { client } = await setup();
    const command = { id: "cmd_1", type: "vend", orderId: "ord_1", slot: "A1", expiresAt: new Date(Date.now() + 120_000).toISOString() };
    server.intercept = ({ eventIds }) => Response.json({ results: eventIds.map((id) => ({ id, status: "accepted" })), commands: [command] });
    client.enqueue(heartbeat("hb-commands"));
    expect(await client.flush()).toMatchObject({ outcome: "delivered", commands: [command] });
  });
});
