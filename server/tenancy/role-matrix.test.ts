import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MemberRole } from "~/db/schema";
import { appRouter } from "~/server/trpc/root";
import { createTestDatabase, rollbackEachTest, type TestDatabase } from "~/test/db";
import { callerFor } from "~/test/factories";
import { createOrgFixture, orgProcedures, type OrgFixture } from "~/test/org-procedures";
import { orgSnapshot } from "~/test/rows";
import { callError } from "~/test/trpc-errors";
import { roleLadder } from "./contract";

/**
 * The roles a procedure is called with: its least role (allowed), the role just below it and the
 * least role of all, viewer (both refused).
 */
function boundaryRoles(least: MemberRole): MemberRole[] {
  const rank = roleLadder.indexOf(least);
  return rank === 0 ? [least] : [...new Set<MemberRole>([least, roleLadder[rank - 1]!, roleLadder[0]])];
}

const cases = Object.entries(orgProcedures).flatMap(([path, entry]) =>
  boundaryRoles(entry.least).map((role) => ({ path, role, ...entry, allowed: role === entry.least })),
);

// One org per role, made once; each case runs in a transaction rolled back after it, so a mutation
// allowed in one case cannot affect another.
let t: TestDatabase;
const fixtures = new Map<MemberRole, OrgFixture>();
beforeAll(async () => {
  t = await createTestDatabase();
  for (const role of new Set<MemberRole>(["viewer", ...cases.map((c) => c.role)])) fixtures.set(role, await createOrgFixture(t.db, role));
});
afterAll(async () => {
  await t.drop();
});
rollbackEachTest(() => t);

function takesOrgId(procedure: { _def: { inputs: unknown[] } }): boolean {
  return procedure._def.inputs.some((input) => input instanceof z.ZodObject && "orgId" in input.shape);
}

describe("the role matrix", () => {
  it("covers every procedure whose input names an organization", () => {
    // At runtime `_def.procedures` is flat and keyed by dotted path ("members.list"), whatever its type says.
    const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { inputs: unknown[] } }>;
    const inRouter = Object.keys(procedures).filter((path) => takesOrgId(procedures[path]!));
    const missing = inRouter.filter((path) => !(path in orgProcedures)).sort();
    const gone = Object.keys(orgProcedures).filter((path) => !inRouter.includes(path));
    // A failure here lists the procedures to add to (or remove from) the table in test/org-procedures.ts.
    expect({ missing, gone }).toEqual({ missing: [], gone: [] });
  });

  it.each(cases)("$path as $role: allowed=$allowed", async ({ role, least, call, allowed }) => {
    const f = fixtures.get(role)!;
    const caller = callerFor(t.db, f.actor);
    if (allowed) {
      await expect(call(caller, f)).resolves.toBeDefined();
      return;
    }
    const before = await orgSnapshot(t.db, f.orgId);
    const failure = await callError(call(caller, f));
    expect(failure).toMatchObject({ code: "FORBIDDEN", message: `This needs the ${least} role or higher.` });
    expect(await orgSnapshot(t.db, f.orgId)).toEqual(before);
  });

  it.each(Object.keys(orgProcedures))("%s asks a signed-out caller to sign in", async (path) => {
    const f = fixtures.get("viewer")!;
    const before = await orgSnapshot(t.db, f.orgId);
    const failure = await callError(orgProcedures[path]!.call(callerFor(t.db, null), f));
    expect(failure).toMatchObject({ code: "UNAUTHORIZED", message: "Sign in to continue." });
    expect(await orgSnapshot(t.db, f.orgId)).toEqual(before);
  });
});
