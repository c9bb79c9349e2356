import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "~/server/trpc/root";
import { createTestDatabase, rollbackEachTest, type TestDatabase } from "~/test/db";
import { addMember, callerFor } from "~/test/factories";
import { createHostFixture, type HostFixture } from "~/test/host-portal";
import { hostProcedures } from "~/test/host-procedures";
import { orgSnapshot } from "~/test/rows";
import { callError } from "~/test/trpc-errors";

// One fixture for the file; each case runs in a transaction rolled back after it.
let t: TestDatabase;
let f: HostFixture;
beforeAll(async () => {
  t = await createTestDatabase();
  f = await createHostFixture(t.db);
});
afterAll(async () => {
  await t.drop();
});
rollbackEachTest(() => t);

const paths = Object.keys(hostProcedures);
const withOtherPlace = paths.filter((p) => hostProcedures[p]!.otherPlace);

/** Both orgs as they were: a refused call changes nothing anywhere. */
async function snapshots() {
  return [await orgSnapshot(t.db, f.orgId), await orgSnapshot(t.db, f.orgB.orgId)];
}

describe("the host matrix", () => {
  it("covers every procedure whose input names an org as a host's", () => {
    const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { inputs: unknown[] } }>;
    const inRouter = Object.keys(procedures).filter((path) => procedures[path]!._def.inputs.some((i) => i instanceof z.ZodObject && "org" in i.shape));
    expect({ missing: inRouter.filter((p) => !(p in hostProcedures)).sort(), gone: paths.filter((p) => !inRouter.includes(p)) }).toEqual({ missing: [], gone: [] });
  });

  it.each(paths)("%s answers the host of the place", async (path) => {
    await expect(hostProcedures[path]!.call(callerFor(t.db, f.host), f)).resolves.toBeDefined();
  });

  it.each(withOtherPlace)("%s does not reach another place of the host's org", async (path) => {
    const before = await snapshots();
    const failure = await callError(hostProcedures[path]!.otherPlace!(callerFor(t.db, f.host), f));
    expect(failure).toMatchObject({ code: "NOT_FOUND", message: expect.stringMatching(/not found/) });
    expect(await snapshots()).toEqual(before);
  });

  it.each(paths)("%s does not let another org's host in", async (path) => {
    const before = await snapshots();
    const failure = await callError(hostProcedures[path]!.call(callerFor(t.db, f.orgB.host), f));
    expect(failure).toMatchObject({ code: "NOT_FOUND", message: "Place not found." });
    expect(await snapshots()).toEqual(before);
  });

  it.each(paths)("%s is not the operator's: the org's owner and members who host nothing get NOT_FOUND", async (path) => {
    const viewer = await addMember(t.db, f.orgId, "viewer");
    const before = await snapshots();
    for (const user of [f.owner, f.manager, viewer, f.orgB.owner]) {
      expect(await callError(hostProcedures[path]!.call(callerFor(t.db, user), f))).toMatchObject({ code: "NOT_FOUND", message: "Place not found." });
    }
    expect(await snapshots()).toEqual(before);
  });

  it.each(paths)("%s asks a signed-out caller to sign in", async (path) => {
    const failure = await callError(hostProcedures[path]!.call(callerFor(t.db, null), f));
    expect(failure).toMatchObject({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  });

  it.each(paths)("%s stops working once the host is removed from the place", async (path) => {
    await callerFor(t.db, f.manager).hostAccess.remove({ orgId: f.orgId, locationId: f.locationId, userId: f.host.id });
    expect(await callError(hostProcedures[path]!.call(callerFor(t.db, f.host), f))).toMatchObject({ code: "NOT_FOUND" });
  });
});
