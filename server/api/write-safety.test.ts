import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "~/db/client";
import { apiIdempotencyKeys, auditLog, machines } from "~/db/schema";
import { registerMachine } from "~/server/fleet";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { callerFor, createOrg } from "~/test/factories";
import { asOwner } from "~/test/machines";
import { GET as getMachine, PATCH as patchMachine } from "~/app/api/v1/machines/[machineId]/route";
import { pruneIdempotencyKeys } from "../tenancy";

// Idempotency-Key, ETag / If-Match / If-None-Match and request bodies, on a machine's PATCH.

let t: TestDatabase;
const globalForDb = globalThis as unknown as { vendopsDb?: Promise<DbHandle> };
beforeAll(async () => {
  t = await createTestDatabase();
  globalForDb.vendopsDb = Promise.resolve(t);
});
afterAll(async () => {
  globalForDb.vendopsDb = undefined;
  await t.drop();
});

async function setup() {
  const { org, owner } = await createOrg(t.db);
  const { machine } = await asOwner(t.db, org.id, owner.id, (ctx) => registerMachine(ctx, { name: "Lobby", serial: `SN-${org.id.slice(-8)}` }));
  const { key } = await callerFor(t.db, owner).apiKeys.create({ orgId: org.id, name: "Writer", scopes: ["machines:read", "machines:write"] });
  return { org, machine, key };
}

const context = (machineId: string) => ({ params: Promise.resolve({ machineId }) });
function patch(key: string, machineId: string, body: unknown, headers: Record<string, string> = {}) {
  return patchMachine(
    new Request(`http://localhost/api/v1/machines/${machineId}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    context(machineId),
  );
}
const get = (key: string, machineId: string, headers: Record<string, string> = {}) =>
  getMachine(new Request(`http://localhost/api/v1/machines/${machineId}`, { headers: { authorization: `Bearer ${key}`, ...headers } }), context(machineId));
const updates = async (machineId: string) =>
  (await t.db.select().from(auditLog).where(and(eq(auditLog.action, "machine.updated"), eq(auditLog.targetId, machineId)))).length;

describe("Idempotency-Key on API writes", () => {
  it("does a write once and answers a repeat with the first answer", async () => {
    const { machine, key } = await setup();
    const first = await patch(key, machine.id, { name: "Lobby east" }, { "idempotency-key": "rename-1" });
    expect(first.status).toBe(200);
    const firstBody = await first.text();
    // Renamed again by someone else in between: the repeat still replays, and changes nothing.
    await t.db.update(machines).set({ name: "Changed by hand" }).where(eq(machines.id, machine.id));
    const repeat = await patch(key, machine.id, { name: "Lobby east" }, { "idempotency-key": "rename-1" });
    expect(repeat.status).toBe(200);
    expect(repeat.headers.get("idempotent-replayed")).toBe("true");
    expect(await repeat.text()).toBe(firstBody);
    expect(repeat.headers.get("etag")).toBe(first.headers.get("etag"));
    expect(await updates(machine.id)).toBe(1);
    expect((await t.db.select().from(machines).where(eq(machines.id, machine.id)))[0]!.name).toBe("Changed by hand");
  });

  it("lets concurrent repeats wait for the first and replay it", async () => {
    const { machine, key } = await setup();
    const answers = await Promise.all(Array.from({ length: 5 }, () => patch(key, machine.id, { name: "Race" }, { "idempotency-key": "race-key" })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(await Promise.all(answers.map((a) => a.text()))).size).toBe(1);
    expect(answers.filter((a) => a.headers.get("idempotent-replayed") === "true")).toHaveLength(4);
    expect(await updates(machine.id)).toBe(1);
  });

  it("refuses the same key with another request (422) and a malformed key (400)", async () => {
    const { machine, key } = await setup();
    expect((await patch(key, machine.id, { name: "One" }, { "idempotency-key": "k-1" })).status).toBe(200);
    const other = await patch(key, machine.id, { name: "Two" }, { "idempotency-key": "k-1" });
    expect(other.status).toBe(422);
    expect(await other.json()).toMatchObject({ type: "https://vendops.app/problems/idempotency_key_reused" });
    const malformed = await patch(key, machine.id, { name: "Three" }, { "idempotency-key": "has space" });
    expect(malformed.status).toBe(400);
    expect((await t.db.select().from(machines).where(eq(machines.id, machine.id)))[0]!.name).toBe("One");
  });

  it("keeps a refused write's answer too, so a retry is refused the same way", async () => {
    const { machine, key } = await setup();
    const refused = await patch(key, machine.id, { location_id: "loc_missing" }, { "idempotency-key": "bad-location" });
    expect(refused.status).toBe(404);
    const again = await patch(key, machine.id, { location_id: "loc_missing" }, { "idempotency-key": "bad-location" });
    expect(again.status).toBe(404);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
  });

  it("forgets keys after a day", async () => {
    const { machine, key } = await setup();
    await patch(key, machine.id, { name: "Old" }, { "idempotency-key": "old-key" });
    await t.db.update(apiIdempotencyKeys).set({ createdAt: new Date(Date.now() - 25 * 3600_000) }).where(eq(apiIdempotencyKeys.key, "old-key"));
    const reused = await patch(key, machine.id, { name: "New" }, { "idempotency-key": "old-key" });
    expect(reused.status).toBe(200);
    expect(reused.headers.get("idempotent-replayed")).toBeNull();
    await t.db.update(apiIdempotencyKeys).set({ createdAt: new Date(Date.now() - 25 * 3600_000) }).where(eq(apiIdempotencyKeys.key, "old-key"));
    expect(await pruneIdempotencyKeys(t.db)).toBeGreaterThanOrEqual(1);
    expect(await t.db.select().from(apiIdempotencyKeys).where(eq(apiIdempotencyKeys.key, "old-key"))).toEqual([]);
  });
});

describe("ETag, If-Match and If-None-Match", () => {
  it("answers an unchanged read with 304 and a changed one in full", async () => {
    const { machine, key } = await setup();
    const first = await get(key, machine.id);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const same = await get(key, machine.id, { "if-none-match": etag });
    expect(same.status).toBe(304);
    expect(await same.text()).toBe("");
    await patch(key, machine.id, { name: "Renamed" });
    const changed = await get(key, machine.id, { "if-none-match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
  });

  it("refuses a write whose If-Match is stale with 412 and changes nothing", async () => {
    const { machine, key } = await setup();
    const read = await get(key, machine.id);
    const etag = read.headers.get("etag")!;
    const ok = await patch(key, machine.id, { name: "Mine" }, { "if-match": etag });
    expect(ok.status).toBe(200);
    const stale = await patch(key, machine.id, { name: "Theirs" }, { "if-match": etag });
    expect(stale.status).toBe(412);
    const problem = (await stale.json()) as { current_etag: string };
    expect(problem.current_etag).toBe(ok.headers.get("etag"));
    expect((await t.db.select().from(machines).where(eq(machines.id, machine.id)))[0]!.name).toBe("Mine");
  });

  it("lets exactly one of two writes made from the same read win", async () => {
    const { machine, key } = await setup();
    const etag = (await get(key, machine.id)).headers.get("etag")!;
    const results = await Promise.all(["A", "B"].map((name) => patch(key, machine.id, { name }, { "if-match": etag })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
  });
});

describe("request bodies", () => {
  it("answers broken JSON, a wrong content type and unknown fields with clear 4xx problems", async () => {
    const { machine, key } = await setup();
    const broken = await patch(key, machine.id, "{ not json");
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ type: "https://vendops.app/problems/invalid_json" });
    const wrongType = await patch(key, machine.id, "name=x", { "content-type": "application/x-www-form-urlencoded" });
    expect(wrongType.status).toBe(415);
    const unknown = await patch(key, machine.id, { nmae: "typo" });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { errors: Record<string, string[]> }).errors).toHaveProperty("request");
    const tooLong = await patch(key, machine.id, { name: "x".repeat(121) });
    expect(((await tooLong.json()) as { errors: Record<string, string[]> }).errors).toEqual({ name: ["Use at most 120 characters."] });
  });
});
