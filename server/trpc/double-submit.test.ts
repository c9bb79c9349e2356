import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDriver, type TestDatabase } from "~/test/db";
import { TEST_PASSWORD, callerFor, createOrg, createUser, invite } from "~/test/factories";
import { createOrgFixture, orgProcedures } from "~/test/org-procedures";
import { CONCURRENT_CHANGE_MESSAGE } from "../input/concurrent-change";
import { appRouter } from "./root";

// Every org mutation, read from the router: a new one is covered once it is in orgProcedures,
// which the role matrix already demands.
const types = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>;
const mutations = Object.entries(orgProcedures).filter(([path]) => types[path]?._def.type === "mutation");

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

// A double click, a retried request or a hostile client sends the same mutation twice at once.
// Each call runs in its own transaction on its own connection (PGlite has one connection and
// would run them one after another, so this runs on the Postgres server only). Either answer may
// be a refusal the person can act on (a 4xx); neither may be a 500, nor a collision that only the
// ladder's safety net caught (the service should settle its own races).
describe.runIf(testDriver === "postgres")("every org mutation sent twice at once", () => {
  it("covers the mutations", () => {
    expect(mutations.length).toBeGreaterThan(30);
  });

  it.each(mutations)("%s answers 2xx or 4xx to both", async (_path, procedure) => {
    const f = await createOrgFixture(t.db, "owner");
    // Two callers: separate requests share no context.
    await expectSettled(() => procedure.call(callerFor(t.db, f.actor), f));
  });

  it("org.create, auth.signUp and invitations.accept answer 2xx or 4xx to both, and do it once", async () => {
    const user = await createUser(t.db);
    const slug = `twice-${user.id.slice(-8).toLowerCase()}`;
    expect(await expectSettled(() => callerFor(t.db, user).org.create({ name: "Twice", slug, timeZone: "Europe/Berlin", currency: "EUR" }))).toBe(1);
    const email = `twice-${user.id.slice(-8).toLowerCase()}@example.test`;
    expect(await expectSettled(() => callerFor(t.db, null).auth.signUp({ name: "Twice", email, password: TEST_PASSWORD }))).toBe(1);
    const { org, owner } = await createOrg(t.db);
    const invitee = await createUser(t.db);
    const { token } = await invite(t.db, owner, org.id, "viewer", invitee.email);
    expect(await expectSettled(() => callerFor(t.db, invitee).invitations.accept({ token }))).toBe(1);
  });
});

/** Sends `call` twice at once; each answer is a success or a 4xx of the service's own. Returns the successes. */
async function expectSettled(call: () => Promise<unknown>): Promise<number> {
  const results = await Promise.allSettled([call(), call()]);
  for (const r of results) {
    if (r.status === "fulfilled") continue;
    expect(r.reason).toBeInstanceOf(TRPCError);
    const { code, message, cause } = r.reason as TRPCError;
    expect({ code, message, cause: String(cause) }).not.toMatchObject({ code: "INTERNAL_SERVER_ERROR" });
    expect({ code, message, cause: String(cause) }).not.toMatchObject({ message: CONCURRENT_CHANGE_MESSAGE });
  }
  return results.filter((r) => r.status === "fulfilled").length;
}
