import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import fc from "fast-check";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { memberships } from "~/db/schema";
import type { SessionUser } from "~/server/auth";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { TEST_PASSWORD } from "~/test/factories";
import { hostileInputs, targetedFaults } from "~/test/hostile-values";
import { createOrgFixture, type OrgFixture } from "~/test/org-procedures";
import { appRouter } from "./root";
import { createTrpcContext } from "./init";

// Every procedure of the app router, read from the router itself (flat, keyed by path at run time):
// a new procedure is swept without editing this file.
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: string; inputs: z.ZodType[] } }>).map(
  ([path, procedure]) => ({ path, type: procedure._def.type, inputs: procedure._def.inputs }),
);

let t: TestDatabase;
let f: OrgFixture;
beforeAll(async () => {
  t = await createTestDatabase();
  f = await createOrgFixture(t.db, "owner");
});
afterAll(async () => {
  await t.drop();
});

/** Values that look right for a field of this name, so that calls get past validation to the service. */
function plausibleText(key: string): string[] {
  const ids: Record<string, string[]> = {
    orgId: [f.orgId],
    machineId: [f.machineId],
    machineIds: [f.machineId],
    locationId: [f.locationId],
    productId: [f.productId],
    saleId: [f.saleId],
    purchaseId: [f.saleId],
    refundId: [f.failedRefundId],
    requestId: [f.requestId],
    alertId: [f.alertId],
    ids: [f.alertId],
    endpointId: [f.endpointId],
    routeId: [f.routeId],
    invitationId: [f.invitationId],
    userId: [f.target.id, f.owner.id],
    assigneeId: [f.owner.id],
    technicianId: [f.actor.id],
  };
  const fields: Record<string, string[]> = {
    from: ["2026-11-01", "2026-11-20"],
    to: ["2026-11-20", "2026-12-31"],
    day: ["2026-11-24"],
    month: ["2026-10"],
    cursor: ["2026-11-20T12:00:00.000Z|sal_none"],
    email: ["someone@example.test"],
    password: [TEST_PASSWORD],
    token: ["tok_0123456789abcdef"],
    url: ["https://example.com/hooks"],
    slot: ["A1"],
    code: ["A1"],
    sku: ["SKU-1"],
    timeZone: ["Europe/Berlin"],
    currency: ["EUR"],
    slug: ["hostile-org"],
    visitKey: ["vk-abcdefgh"],
    eventTypes: ["alert.raised"],
    types: ["vend.succeeded"],
  };
  return ids[key] ?? fields[key] ?? ["Plausible text", "A1"];
}

const handle = (request: Request, user: SessionUser | null) =>
  fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: () => createTrpcContext({ db: t.db, user, ip: "203.0.113.9" }),
  });

/** Sends one call as a browser would (GET for queries, POST for mutations) and returns its answer. */
async function send(path: string, type: string, input: unknown, user: SessionUser | null) {
  const body = input === undefined ? undefined : JSON.stringify(superjson.serialize(input));
  const url = new URL(`http://localhost/api/trpc/${path}`);
  if (type === "query" && body !== undefined) url.searchParams.set("input", body);
  const request = new Request(url, type === "query" ? { method: "GET" } : { method: "POST", headers: { "content-type": "application/json" }, body });
  const response = await handle(request, user);
  return { status: response.status, text: await response.text() };
}

/** Puts the owner back after a call that removed or demoted them, so later procedures still reach the org. */
async function restoreOwner() {
  await t.db
    .insert(memberships)
    .values({ orgId: f.orgId, userId: f.owner.id, role: "owner" })
    .onConflictDoUpdate({ target: [memberships.orgId, memberships.userId], set: { role: "owner" } });
}

function short(input: unknown): string {
  const text = JSON.stringify(input, (_, v: unknown) => (typeof v === "string" && v.length > 80 ? `${v.slice(0, 20)}…(${v.length})` : v)) ?? "undefined";
  return text.slice(0, 400);
}

describe("every tRPC procedure with hostile input", () => {
  it("finds the procedures in the router", () => {
    expect(procedures.length).toBeGreaterThan(90);
    expect(procedures.map((p) => p.path)).toEqual(expect.arrayContaining(["checkout.menu", "sales.list", "machines.events", "analytics.rankings"]));
  });

  it.each(procedures)("answers $path with 2xx or 4xx, never 5xx", async ({ path, type, inputs }) => {
    const ownerAnswers = new Set<number>();
    for (const [user, numRuns, seed] of [
      [null, 3, 11],
      [f.owner, 14, 42],
    ] as const) {
      const examples = targetedFaults(inputs, plausibleText, seed).map((input) => [input] as [unknown]);
      await fc.assert(
        fc.asyncProperty(hostileInputs(inputs, plausibleText), async (input) => {
          const { status, text } = await send(path, type, input, user);
          if (user) ownerAnswers.add(status);
          if (status >= 500) throw new Error(`${path} as ${user ? "owner" : "anonymous"} answered ${status} to ${short(input)}: ${text.slice(0, 300)}`);
          if (path.startsWith("members.")) await restoreOwner();
        }),
        { seed, numRuns: numRuns + examples.length, examples, endOnFailure: true },
      );
    }
    // The owner's calls got past sign-in, so what they met was the procedure's own validation.
    expect(ownerAnswers.size).toBeGreaterThan(0);
    expect(ownerAnswers.has(401)).toBe(false);
  });

  it.each([
    ["a body that is not JSON", "POST", "locations.create", "{not json"],
    ["a body that is JSON but not an object", "POST", "locations.create", "12"],
    ["a Date that is not one", "GET", "audit.list", JSON.stringify({ json: { orgId: "o", before: "garbage" }, meta: { values: { before: ["Date"] } } })],
    ["a bigint that is not one", "POST", "locations.create", JSON.stringify({ json: { orgId: "o", name: "x" }, meta: { values: { name: ["bigint"] } } })],
    ["a meta path into the prototype", "POST", "locations.create", JSON.stringify({ json: { orgId: "o" }, meta: { values: { "__proto__.polluted": ["Date"] } } })],
    ["an unknown meta type", "POST", "locations.create", JSON.stringify({ json: { orgId: "o" }, meta: { values: { orgId: ["custom", "nope"] } } })],
    ["a batch of hostile calls", "POST", "checkout.menu,sales.list", JSON.stringify({ 0: { json: { machineId: "\u0000" } }, 1: { json: { orgId: "\ud800" } } })],
  ])("answers %s with 4xx", async (_, method, path, body) => {
    const batch = path.includes(",");
    const url = new URL(`http://localhost/api/trpc/${path}`);
    if (batch) url.searchParams.set("batch", "1");
    if (method === "GET") url.searchParams.set("input", body);
    const response = await handle(
      new Request(url, method === "GET" ? { method } : { method, headers: { "content-type": "application/json" }, body }),
      f.owner,
    );
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });
});
