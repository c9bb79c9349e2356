import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { machineEvents } from "~/db/schema";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { asOwner, createMachineWithPlanogram, eventId, sendEvents, signedRequest } from "~/test/machines";
import { rotateMachineSecret, setMachineDisabled } from "~/server/fleet";
import { handleEventsRequest } from "./events-request";
import { MACHINE_RATE_LIMIT } from "./events-request";

let t: TestDatabase;
let m: Awaited<ReturnType<typeof createMachineWithPlanogram>>;
beforeAll(async () => {
  t = await createTestDatabase();
  m = await createMachineWithPlanogram(t.db);
});
afterAll(async () => {
  await t.drop();
});

const heartbeat = () => ({ events: [{ id: eventId(), type: "machine.heartbeat", occurredAt: new Date().toISOString(), data: { temperatureC: 4.5 } }] });
const storedCount = async () => (await t.db.select().from(machineEvents).where(eq(machineEvents.machineId, m.machine.id))).length;

describe("machine protocol v1: the request", () => {
  it("accepts a request signed by the standardwebhooks library", async () => {
    const res = await sendEvents(t.db, m.machine.id, m.secret, heartbeat());
    expect(res.status).toBe(200);
    expect(res.json.results).toEqual([{ id: expect.any(String), status: "accepted" }]);
    expect(res.json.commands).toEqual([]);
  });

  it("accepts timestamps at the edges of the 5-minute window and refuses those just outside", async () => {
    // The server's clock is pinned, so the edges are exact whatever time the test takes.
    const serverNow = Math.floor(Date.now() / 1000) * 1000;
    for (const offset of [-300, 300]) {
      const res = await sendEvents(t.db, m.machine.id, m.secret, heartbeat(), { timestamp: new Date(serverNow + offset * 1000), serverNow });
      expect(res.status, `offset ${offset}s`).toBe(200);
    }
    for (const offset of [-301, 301]) {
      const res = await sendEvents(t.db, m.machine.id, m.secret, heartbeat(), { timestamp: new Date(serverNow + offset * 1000), serverNow });
      expect(res.status, `offset ${offset}s`).toBe(401);
      expect(res.json.error).toMatchObject({ code: "stale_timestamp" });
    }
  });

  it("refuses a tampered body, a wrong secret and missing headers with 401, storing nothing", async () => {
    const before = await storedCount();
    const body = JSON.stringify(heartbeat());
    const tampered = signedRequest(m.machine.id, m.secret, body);
    const forged = new Request(tampered.url, { method: "POST", headers: tampered.headers, body: body.replace("4.5", "9.5") });
    const res1 = await handleEventsRequest(t.db, m.machine.id, forged);
    expect(res1.status).toBe(401);
    expect(await res1.json()).toMatchObject({ error: { code: "invalid_signature" } });

    const wrong = await sendEvents(t.db, m.machine.id, m.secret, heartbeat(), { secret: "whsec_" + Buffer.alloc(32, 7).toString("base64") });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error).toMatchObject({ code: "invalid_signature" });

    for (const header of ["webhook-id", "webhook-timestamp", "webhook-signature"]) {
      const res = await sendEvents(t.db, m.machine.id, m.secret, heartbeat(), { headers: { [header]: null } });
      expect(res.status, header).toBe(401);
      expect(res.json.error).toMatchObject({ code: "missing_signature", message: expect.stringContaining("webhook-") });
    }
    expect(await storedCount()).toBe(before);
  });

  it("accepts one valid v1 signature among several", async () => {
    const body = JSON.stringify(heartbeat());
    const req = signedRequest(m.machine.id, m.secret, body);
    const headers = new Headers(req.headers);
    headers.set("webhook-signature", `v1,${Buffer.alloc(32).toString("base64")} ${req.headers.get("webhook-signature")} v2,whatever`);
    const res = await handleEventsRequest(t.db, m.machine.id, new Request(req.url, { method: "POST", headers, body }));
    expect(res.status).toBe(200);
  });

  it("verifies both the old and the new secret during a rotation", async () => {
    const fresh = await createMachineWithPlanogram(t.db);
    // The server has the machine's credentials cached from this request when they are rotated.
    expect((await sendEvents(t.db, fresh.machine.id, fresh.secret, heartbeat())).status).toBe(200);
    const rotated = await asOwner(t.db, fresh.org.id, fresh.owner.id, (ctx) => rotateMachineSecret(ctx, { machineId: fresh.machine.id }));
    expect(rotated.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(rotated.secret).not.toBe(fresh.secret);
    expect((await sendEvents(t.db, fresh.machine.id, fresh.secret, heartbeat())).status).toBe(200);
    expect((await sendEvents(t.db, fresh.machine.id, rotated.secret, heartbeat())).status).toBe(200);
    // Once the 24 hours of grace are over, only the new secret verifies (on a server clock a day on).
    const dayOn = Date.now() + 24 * 3_600_000 + 60_000;
    const later = { timestamp: new Date(dayOn), serverNow: dayOn };
    expect((await sendEvents(t.db, fresh.machine.id, fresh.secret, heartbeat(), later)).status).toBe(401);
    expect((await sendEvents(t.db, fresh.machine.id, rotated.secret, heartbeat(), later)).status).toBe(200);
  });

  it("answers 401 for an unknown machine and 403 for a disabled one", async () => {
    const unknown = await sendEvents(t.db, "mch_doesnotexist000000000", m.secret, heartbeat());
    expect(unknown.status).toBe(401);
    expect(unknown.json.error).toMatchObject({ code: "unknown_machine" });

    const other = await createMachineWithPlanogram(t.db);
    // Cached as enabled by this request, then disabled: the next request is refused at once.
    expect((await sendEvents(t.db, other.machine.id, other.secret, heartbeat())).status).toBe(200);
    await asOwner(t.db, other.org.id, other.owner.id, (ctx) => setMachineDisabled(ctx, { machineId: other.machine.id, disabled: true }));
    const disabled = await sendEvents(t.db, other.machine.id, other.secret, heartbeat());
    expect(disabled.status).toBe(403);
    expect(disabled.json.error).toMatchObject({ code: "machine_disabled" });
    // Enabled again: accepted again, though this server cached it as disabled.
    await asOwner(t.db, other.org.id, other.owner.id, (ctx) => setMachineDisabled(ctx, { machineId: other.machine.id, disabled: false }));
    expect((await sendEvents(t.db, other.machine.id, other.secret, heartbeat())).status).toBe(200);
  });

  it("refuses a body over 1 MiB with 413 and a non-JSON content type with 415", async () => {
    const big = JSON.stringify({ events: [{ id: eventId(), type: "machine.heartbeat", occurredAt: new Date().toISOString(), data: { firmware: "x".repeat(1024 * 1024) } }] });
    const res = await sendEvents(t.db, m.machine.id, m.secret, big);
    expect(res.status).toBe(413);
    expect(res.json.error).toMatchObject({ code: "payload_too_large" });

    const text = await sendEvents(t.db, m.machine.id, m.secret, heartbeat(), { contentType: "text/plain" });
    expect(text.status).toBe(415);
    expect(text.json.error).toMatchObject({ code: "unsupported_media_type" });
    const charset = await sendEvents(t.db, m.machine.id, m.secret, heartbeat(), { contentType: "application/json; charset=utf-8" });
    expect(charset.status).toBe(200);
  });

  it("refuses unreadable JSON, a bad envelope, 0 events and 501 events with 400", async () => {
    const cases: [unknown, string][] = [
      ["{not json", "invalid_json"],
      [[], "invalid_envelope"],
      [{ events: "no" }, "invalid_envelope"],
      [{ events: [] }, "invalid_envelope"],
      [{ events: Array.from({ length: 501 }, () => heartbeat().events[0]) }, "invalid_envelope"],
    ];
    for (const [payload, code] of cases) {
      const res = await sendEvents(t.db, m.machine.id, m.secret, payload);
      expect(res.status, code).toBe(400);
      expect(res.json.error).toMatchObject({ code, message: expect.any(String) });
    }
    const full = await sendEvents(t.db, m.machine.id, m.secret, { events: Array.from({ length: 500 }, () => heartbeat().events[0]) });
    expect(full.status).toBe(200);
    expect(full.json.results).toHaveLength(500);
  });

  it("limits requests per machine with 429 and retry-after", async () => {
    const busy = await createMachineWithPlanogram(t.db);
    let limited: Awaited<ReturnType<typeof sendEvents>> | undefined;
    for (let i = 0; i <= MACHINE_RATE_LIMIT.requests && !limited; i++) {
      const res = await sendEvents(t.db, busy.machine.id, busy.secret, heartbeat());
      if (res.status === 429) limited = res;
      else expect(res.status).toBe(200);
    }
    expect(limited?.json.error).toMatchObject({ code: "rate_limited" });
    expect(Number(limited?.headers.get("retry-after"))).toBeGreaterThan(0);
    // Other machines are unaffected.
    expect((await sendEvents(t.db, m.machine.id, m.secret, heartbeat())).status).toBe(200);
  });
});
