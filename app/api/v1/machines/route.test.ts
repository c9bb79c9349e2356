import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeys, auditLog } from "~/db/schema";
import type { DbHandle } from "~/db/client";
import { registerMachine } from "~/server/fleet";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { callerFor, createOrg } from "~/test/factories";
import { asOwner } from "~/test/machines";
import { GET as getMachine } from "./[machineId]/route";
import { GET as listMachines } from "./route";

let t: TestDatabase;
const globalForDb = globalThis as unknown as { vendopsDb?: Promise<DbHandle> };
beforeAll(async () => {
  t = await createTestDatabase();
  // The route handlers open the process's database; here it is the test's.
  globalForDb.vendopsDb = Promise.resolve(t);
});
afterAll(async () => {
  globalForDb.vendopsDb = undefined;
  await t.drop();
});

const list = (key: string | null, query = "") =>
  listMachines(new Request(`http://localhost/api/v1/machines${query}`, { headers: key ? { authorization: `Bearer ${key}` } : {} }));
const one = (key: string, machineId: string) =>
  getMachine(new Request(`http://localhost/api/v1/machines/${machineId}`, { headers: { authorization: `Bearer ${key}` } }), { params: Promise.resolve({ machineId }) });

async function expectProblem(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ status, type: expect.stringMatching(/^https:\/\//), title: expect.any(String), detail: expect.any(String) });
  return body;
}

async function orgWithMachines(count: number) {
  const { org, owner } = await createOrg(t.db);
  const machines = [];
  for (let i = 0; i < count; i++) {
    machines.push((await asOwner(t.db, org.id, owner.id, (ctx) => registerMachine(ctx, { name: `Machine ${i}`, serial: `SN-${org.id.slice(-6)}-${i}` }))).machine);
  }
  const key = async (scopes: Parameters<ReturnType<typeof callerFor>["apiKeys"]["create"]>[0]["scopes"], expiresAt?: Date) =>
    callerFor(t.db, owner).apiKeys.create({ orgId: org.id, name: `Key ${scopes.join(" ")}`, scopes, expiresAt });
  return { org, owner, machines, key };
}

describe("GET /api/v1/machines with an API key", () => {
  it("refuses a missing, unknown, revoked or expired key with 401 problem details", async () => {
    const { org, owner, key } = await orgWithMachines(1);
    const body = await expectProblem(await list(null), 401);
    expect(body.detail).toContain("Authorization");
    await expectProblem(await list("vo_live_AAAAAAAA_unknownsecretunknownsecretunknownsecret"), 401);
    const revoked = await key(["machines:read"]);
    await callerFor(t.db, owner).apiKeys.revoke({ orgId: org.id, apiKeyId: revoked.apiKey.id });
    await expectProblem(await list(revoked.key), 401);
    const expired = await key(["machines:read"], new Date(Date.now() + 60_000));
    expect((await list(expired.key)).status).toBe(200);
    await t.db.update(apiKeys).set({ expiresAt: new Date(Date.now() - 1) }).where(eq(apiKeys.id, expired.apiKey.id));
    await expectProblem(await list(expired.key), 401);
  });

  it("refuses a key without the scope with 403", async () => {
    const { key } = await orgWithMachines(1);
    const sales = await key(["sales:read"]);
    const body = await expectProblem(await list(sales.key), 403);
    expect(body.detail).toContain("machines:read");
  });

  it("pages through the key's org's machines only, with next_cursor, and refuses a bad cursor or limit with 400", async () => {
    const { machines, key } = await orgWithMachines(3);
    await orgWithMachines(2); // Another org's machines never show.
    const { key: secret } = await key(["machines:read"]);
    const first = await list(secret, "?limit=2");
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("application/json");
    const page1 = (await first.json()) as { data: { id: string; name: string; serial: string; status: string; created_at: string }[]; next_cursor: string | null };
    expect(page1.data).toHaveLength(2);
    expect(page1.next_cursor).toEqual(expect.any(String));
    const page2 = (await (await list(secret, `?limit=2&cursor=${encodeURIComponent(page1.next_cursor!)}`)).json()) as typeof page1;
    expect(page2.next_cursor).toBeNull();
    expect([...page1.data, ...page2.data].map((m) => m.id).sort()).toEqual(machines.map((m) => m.id).sort());
    expect(page1.data[0]).toMatchObject({ name: expect.any(String), serial: expect.any(String), status: expect.any(String), created_at: expect.any(String) });

    await expectProblem(await list(secret, "?cursor=garbage"), 400);
    await expectProblem(await list(secret, "?limit=0"), 400);
    await expectProblem(await list(secret, "?limit=abc"), 400);
  });

  it("answers 429 with rate-limit headers past the key's limit", async () => {
    const { key } = await orgWithMachines(0);
    const { key: secret, apiKey } = await key(["machines:read"]);
    const ok = await list(secret);
    expect(ok.status).toBe(200);
    expect(Number(ok.headers.get("ratelimit-limit"))).toBeGreaterThan(1);
    expect(Number(ok.headers.get("ratelimit-remaining"))).toBe(Number(ok.headers.get("ratelimit-limit")) - 1);
    expect(Number(ok.headers.get("ratelimit-reset"))).toBeGreaterThan(0);
    // Fill the window as if the key had made all its requests.
    await t.db.update(apiKeys).set({ requestWindowCount: 100_000 }).where(eq(apiKeys.id, apiKey.id));
    const limited = await list(secret);
    await expectProblem(limited, 429);
    expect(limited.headers.get("ratelimit-remaining")).toBe("0");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.headers.get("retry-after")).toBe(limited.headers.get("ratelimit-reset"));
  });

  it("records every use of a key that may write in the audit log, with the key as the actor; a read-only key is not", async () => {
    const { org, key } = await orgWithMachines(1);
    const reader = await key(["machines:read"]);
    const writer = await key(["machines:read", "products:write"]);
    expect((await list(reader.key)).status).toBe(200);
    expect((await list(writer.key)).status).toBe(200);
    const used = (await t.db.select().from(auditLog).where(eq(auditLog.orgId, org.id))).filter((e) => e.action === "api_key.used");
    expect(used).toEqual([expect.objectContaining({ actorType: "api_key", actorId: writer.apiKey.id, data: { method: "GET", path: "/api/v1/machines" } })]);
  });
});

describe("GET /api/v1/machines/{id}", () => {
  it("answers the key's org's machine and 404 for another org's", async () => {
    const mine = await orgWithMachines(1);
    const theirs = await orgWithMachines(1);
    const { key: secret } = await mine.key(["machines:read"]);
    const found = await one(secret, mine.machines[0]!.id);
    expect(found.status).toBe(200);
    expect(await found.json()).toMatchObject({ id: mine.machines[0]!.id, name: "Machine 0" });
    const body = await expectProblem(await one(secret, theirs.machines[0]!.id), 404);
    expect(body.detail).not.toContain(theirs.machines[0]!.name);
    await expectProblem(await one(secret, "x".repeat(100)), 400);
    const malformed = await expectProblem(await one(secret, "mch_\u0000x"), 400);
    expect(malformed.errors).toEqual({ machine_id: ["An id is letters, digits, _ and -."] });
  });
});
