import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, rollbackEachTest, type TestDatabase } from "~/test/db";
import { addMember, callerFor, createOrg, createUser } from "~/test/factories";
import { createOrgFixture, orgProcedures } from "~/test/org-procedures";
import { orgSnapshot } from "~/test/rows";
import { callError } from "~/test/trpc-errors";

let t: TestDatabase;
let orgs: Awaited<ReturnType<typeof createTwoOrgs>>;
beforeAll(async () => {
  t = await createTestDatabase();
  orgs = await createTwoOrgs();
});
afterAll(async () => {
  await t.drop();
});
// The two orgs are made once; each test runs in a transaction rolled back after it.
rollbackEachTest(() => t);

/** Org A with members, an invitation, a location, products and a machine; org B with its own owner. */
async function createTwoOrgs() {
  const a = await createOrgFixture(t.db, "admin");
  const b = await createOrg(t.db);
  return { a, b };
}

async function twoOrgs() {
  return orgs;
}

const thingNaming = Object.entries(orgProcedures).filter(([, p]) => p.namesThing).map(([path]) => path);

describe("another organization's owner", () => {
  it.each(Object.keys(orgProcedures))("cannot reach org A through %s with org A's id", async (path) => {
    const { a, b } = await twoOrgs();
    const before = await orgSnapshot(t.db, a.orgId);
    const failure = await callError(orgProcedures[path]!.call(callerFor(t.db, b.owner), a));
    expect(failure).toMatchObject({ code: "NOT_FOUND", message: "Organization not found." });
    expect(await orgSnapshot(t.db, a.orgId)).toEqual(before);
  });

  it.each(thingNaming)("cannot reach org A's things through %s with org B's id", async (path) => {
    const { a, b } = await twoOrgs();
    const beforeA = await orgSnapshot(t.db, a.orgId);
    const beforeB = await orgSnapshot(t.db, b.org.id);
    const failure = await callError(orgProcedures[path]!.call(callerFor(t.db, b.owner), { ...a, orgId: b.org.id }));
    expect(failure.code).toBe("NOT_FOUND");
    expect(failure.message).toMatch(/not found/);
    expect(await orgSnapshot(t.db, a.orgId)).toEqual(beforeA);
    expect(await orgSnapshot(t.db, b.org.id)).toEqual(beforeB);
  });

  it("cannot change or remove org A's members through org B", async () => {
    const { a, b } = await twoOrgs();
    const beforeA = await orgSnapshot(t.db, a.orgId);
    const beforeB = await orgSnapshot(t.db, b.org.id);
    const asB = callerFor(t.db, b.owner);
    for (const call of [
      () => asB.members.changeRole({ orgId: b.org.id, userId: a.owner.id, role: "viewer" }),
      () => asB.members.changeRole({ orgId: b.org.id, userId: a.target.id, role: "admin" }),
      () => asB.members.remove({ orgId: b.org.id, userId: a.actor.id }),
    ]) {
      expect(await callError(call())).toMatchObject({ code: "NOT_FOUND", message: "Member not found" });
    }
    expect(await orgSnapshot(t.db, a.orgId)).toEqual(beforeA);
    expect(await orgSnapshot(t.db, b.org.id)).toEqual(beforeB);
  });

  it("cannot revoke org A's invitation through org B", async () => {
    const { a, b } = await twoOrgs();
    const beforeA = await orgSnapshot(t.db, a.orgId);
    const failure = await callError(callerFor(t.db, b.owner).invitations.revoke({ orgId: b.org.id, invitationId: a.invitationId }));
    expect(failure).toMatchObject({ code: "NOT_FOUND", message: "Pending invitation not found" });
    expect(await orgSnapshot(t.db, a.orgId)).toEqual(beforeA);
  });

  it("cannot reach org A by its slug either", async () => {
    const { a, b } = await twoOrgs();
    const [org] = await callerFor(t.db, a.owner).org.mine();
    expect(await callError(callerFor(t.db, b.owner).org.get({ orgId: org!.slug }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("does not see org A's orders, refunds, refund requests or members' points in its own lists", async () => {
    const { a, b } = await twoOrgs();
    const asA = callerFor(t.db, a.owner);
    const asB = callerFor(t.db, b.owner);
    expect((await asA.orders.list({ orgId: a.orgId })).orders).toHaveLength(1);
    expect((await asA.refunds.list({ orgId: a.orgId })).refunds).toHaveLength(1);
    expect(await asA.refundRequests.list({ orgId: a.orgId })).toHaveLength(1);
    expect((await asB.orders.list({ orgId: b.org.id })).orders).toEqual([]);
    const refundsB = await asB.refunds.list({ orgId: b.org.id });
    expect(refundsB.refunds).toEqual([]);
    expect(refundsB.counts).toEqual({ pending: 0, processing: 0, succeeded: 0, failed: 0 });
    expect(await asB.refundRequests.list({ orgId: b.org.id })).toEqual([]);
    expect(await asA.refundRequests.pendingCount({ orgId: a.orgId })).toBe(1);
    expect(await asB.refundRequests.pendingCount({ orgId: b.org.id })).toBe(0);
    expect(await asB.loyalty.get({ orgId: b.org.id })).toMatchObject({ memberCount: 0, pointsOutstanding: 0 });
  });

  it("does not see org A's members, invitations or audit entries in its own lists", async () => {
    const { a, b } = await twoOrgs();
    const asB = callerFor(t.db, b.owner);
    expect((await asB.members.list({ orgId: b.org.id })).map((m) => m.userId)).toEqual([b.owner.id]);
    expect(await asB.invitations.list({ orgId: b.org.id })).toEqual([]);
    const { entries } = await asB.audit.list({ orgId: b.org.id });
    expect(entries.map((e) => [e.orgId, e.action])).toEqual([[b.org.id, "organization.created"]]);
    expect((await asB.org.mine()).map((o) => o.id)).toEqual([b.org.id]);
    expect(await asB.machines.list({ orgId: b.org.id })).toHaveLength(0);
    expect((await asB.org.mine()).map((o) => o.id)).not.toContain(a.orgId);
  });
});

describe("a member of both organizations", () => {
  it("acts in each with the role it has there", async () => {
    const { a, b } = await twoOrgs();
    const both = await createUser(t.db);
    await addMember(t.db, a.orgId, "viewer", both);
    await addMember(t.db, b.org.id, "admin", both);
    const caller = callerFor(t.db, both);
    await expect(caller.invitations.list({ orgId: b.org.id })).resolves.toEqual([]);
    expect(await callError(caller.invitations.list({ orgId: a.orgId }))).toMatchObject({ code: "FORBIDDEN" });
    expect((await caller.org.get({ orgId: a.orgId })).myRole).toBe("viewer");
    expect((await caller.org.get({ orgId: b.org.id })).myRole).toBe("admin");
  });
});
