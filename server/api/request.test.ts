import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeys, locations, machines } from "~/db/schema";
import { registerMachine } from "~/server/fleet";
import { ServiceError, defineMessages } from "~/server/errors";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { callerFor, createOrg } from "~/test/factories";
import { asOwner } from "~/test/machines";
import { bearerKey, handleApiRequest } from "./index";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const request = (key: string, method = "GET") => new Request("http://localhost/api/v1/test", { method, headers: { authorization: `Bearer ${key}` } });
const testMessages = defineMessages("test", { refused: "Refused on purpose." });

async function orgWithKey() {
  const { org, owner } = await createOrg(t.db);
  await asOwner(t.db, org.id, owner.id, (ctx) => registerMachine(ctx, { name: "Mine", serial: `SN-${org.id.slice(-8)}` }));
  const { key, apiKey } = await callerFor(t.db, owner).apiKeys.create({ orgId: org.id, name: "Test", scopes: ["machines:read", "locations:write"] });
  return { org, key, apiKeyId: apiKey.id };
}

describe("handleApiRequest", () => {
  it("reads the bearer key only from a well-formed Authorization header", () => {
    expect(bearerKey(new Request("http://x", { headers: { authorization: "Bearer vo_live_abc" } }))).toBe("vo_live_abc");
    expect(bearerKey(new Request("http://x", { headers: { authorization: "Basic dXNlcjpwdw==" } }))).toBeNull();
    expect(bearerKey(new Request("http://x", { headers: { authorization: "Bearer a b" } }))).toBeNull();
    expect(bearerKey(new Request("http://x"))).toBeNull();
  });

  it("runs the operation in a transaction row-level security confines to the key's org", async () => {
    const mine = await orgWithKey();
    await orgWithKey();
    // No org filter in the query: the database itself keeps other orgs' rows out.
    const response = await handleApiRequest(t.db, request(mine.key), {
      scope: "machines:read",
      handle: async (ctx) => ({ orgs: [...new Set((await ctx.db.select({ orgId: machines.orgId }).from(machines)).map((m) => m.orgId))], actor: ctx.actor }),
    });
    expect(await response.json()).toEqual({ orgs: [mine.org.id], actor: { type: "api_key", id: mine.apiKeyId, label: "Test" } });
  });

  it("answers a refused operation as a problem, undoes its writes and still counts the request", async () => {
    const { org, key, apiKeyId } = await orgWithKey();
    const response = await handleApiRequest(t.db, request(key, "POST"), {
      scope: "locations:write",
      handle: async (ctx) => {
        await ctx.db.insert(locations).values({ id: `loc_api_${apiKeyId.slice(-6)}`, orgId: ctx.orgId, name: "Half-written" });
        throw new ServiceError("CONFLICT", testMessages.refused);
      },
    });
    expect(response.status).toBe(409);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toEqual({ type: "https://vendops.app/problems/test.refused", title: "Conflict", status: 409, detail: "Refused on purpose." });
    expect(await t.db.select().from(locations).where(eq(locations.orgId, org.id))).toEqual([]);
    const [row] = await t.db.select().from(apiKeys).where(eq(apiKeys.id, apiKeyId));
    expect(row!.requestWindowCount).toBe(1);
  });

  it("answers an unexpected failure with a 500 problem that tells nothing of the cause", async () => {
    const { key } = await orgWithKey();
    const response = await handleApiRequest(t.db, request(key), {
      scope: "machines:read",
      handle: () => Promise.reject(new Error("secret internals")),
    });
    expect(response.status).toBe(500);
    const body = (await response.json()) as { detail: string };
    expect(body.detail).not.toContain("secret internals");
  });

  it("lets exactly the limit through when requests race", async () => {
    const { key } = await orgWithKey();
    const statuses = await Promise.all(
      Array.from({ length: 8 }, () => handleApiRequest(t.db, request(key), { scope: "machines:read", handle: async () => ({}), limit: { requests: 3, windowSeconds: 60 } }).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
  });
});
