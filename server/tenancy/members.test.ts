import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberships } from "~/db/schema";
import type { SessionUser } from "~/server/auth";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { addMember, callerFor, createOrg } from "~/test/factories";
import { orgSnapshot } from "~/test/rows";
import { callError } from "~/test/trpc-errors";
import type { AuditAction } from "./contract";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const LAST_OWNER = "An organization needs at least one owner. Make another member an owner first.";

const roleOf = async (orgId: string, userId: string) =>
  (await t.db.select({ role: memberships.role }).from(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId))))[0]
    ?.role;

const owners = async (orgId: string) =>
  (await t.db.select().from(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.role, "owner")))).map((m) => m.userId);

/** The audit entries of one action, read as an admin reads them. */
const audited = async (admin: SessionUser, orgId: string, action: AuditAction) =>
  (await callerFor(t.db, admin).audit.list({ orgId, action })).entries;

describe("changing roles", () => {
  it("changes a member's role and audits who did it", async () => {
    const { org } = await createOrg(t.db);
    const admin = await addMember(t.db, org.id, "admin");
    const tech = await addMember(t.db, org.id, "technician");
    const changed = await callerFor(t.db, admin).members.changeRole({ orgId: org.id, userId: tech.id, role: "manager" });
    expect(changed).toMatchObject({ userId: tech.id, role: "manager" });
    expect(await roleOf(org.id, tech.id)).toBe("manager");
    expect(await audited(admin, org.id, "member.role_changed")).toEqual([
      expect.objectContaining({ actorId: admin.id, targetId: tech.id, data: { email: tech.email, from: "technician", to: "manager" } }),
    ]);
  });

  it("writes nothing when the role stays the same", async () => {
    const { org, owner } = await createOrg(t.db);
    const viewer = await addMember(t.db, org.id, "viewer");
    const before = await orgSnapshot(t.db, org.id);
    await callerFor(t.db, owner).members.changeRole({ orgId: org.id, userId: viewer.id, role: "viewer" });
    expect(await orgSnapshot(t.db, org.id)).toEqual(before);
  });

  it("does not let an admin make, demote or remove an owner", async () => {
    const { org, owner } = await createOrg(t.db);
    const admin = await addMember(t.db, org.id, "admin");
    const viewer = await addMember(t.db, org.id, "viewer");
    const asAdmin = callerFor(t.db, admin);
    const before = await orgSnapshot(t.db, org.id);
    for (const call of [
      () => asAdmin.members.changeRole({ orgId: org.id, userId: viewer.id, role: "owner" }),
      () => asAdmin.members.changeRole({ orgId: org.id, userId: admin.id, role: "owner" }),
      () => asAdmin.members.changeRole({ orgId: org.id, userId: owner.id, role: "viewer" }),
      () => asAdmin.members.remove({ orgId: org.id, userId: owner.id }),
    ]) {
      expect(await callError(call())).toMatchObject({ code: "FORBIDDEN", message: "Only an owner can make, change or remove an owner." });
    }
    expect(await orgSnapshot(t.db, org.id)).toEqual(before);
  });

  it("refuses an unknown role with a clear message", async () => {
    const { org, owner } = await createOrg(t.db);
    const viewer = await addMember(t.db, org.id, "viewer");
    const failure = await callError(
      callerFor(t.db, owner).members.changeRole({ orgId: org.id, userId: viewer.id, role: "superuser" as "viewer" }),
    );
    expect(failure).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: { role: ["Choose a role: owner, admin, manager, technician or viewer."] },
    });
  });
});

describe("removing and leaving", () => {
  it("removes a member and audits it", async () => {
    const { org, owner } = await createOrg(t.db);
    const tech = await addMember(t.db, org.id, "technician");
    await expect(callerFor(t.db, owner).members.remove({ orgId: org.id, userId: tech.id })).resolves.toEqual({ userId: tech.id });
    expect(await roleOf(org.id, tech.id)).toBeUndefined();
    expect(await audited(owner, org.id, "member.removed")).toEqual([
      expect.objectContaining({ actorId: owner.id, targetId: tech.id, data: { email: tech.email, role: "technician" } }),
    ]);
    // The removed member can no longer reach the org.
    expect(await callError(callerFor(t.db, tech).org.get({ orgId: org.id }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("lets a member leave and audits it", async () => {
    const { org, owner } = await createOrg(t.db);
    const viewer = await addMember(t.db, org.id, "viewer");
    await expect(callerFor(t.db, viewer).members.leave({ orgId: org.id })).resolves.toEqual({ left: true });
    expect(await roleOf(org.id, viewer.id)).toBeUndefined();
    expect(await audited(owner, org.id, "member.left")).toEqual([
      expect.objectContaining({ actorId: viewer.id, targetId: viewer.id, data: { email: viewer.email, role: "viewer" } }),
    ]);
  });

  it("answers NOT_FOUND for someone who is not a member", async () => {
    const { org, owner } = await createOrg(t.db);
    const { owner: outsider } = await createOrg(t.db);
    expect(await callError(callerFor(t.db, owner).members.remove({ orgId: org.id, userId: outsider.id }))).toMatchObject({
      code: "NOT_FOUND",
      message: "Member not found",
    });
  });
});

describe("the last owner", () => {
  it("cannot be demoted, removed or leave", async () => {
    const { org, owner } = await createOrg(t.db);
    await addMember(t.db, org.id, "admin");
    const asOwner = callerFor(t.db, owner);
    const before = await orgSnapshot(t.db, org.id);
    for (const call of [
      () => asOwner.members.changeRole({ orgId: org.id, userId: owner.id, role: "admin" }),
      () => asOwner.members.remove({ orgId: org.id, userId: owner.id }),
      () => asOwner.members.leave({ orgId: org.id }),
    ]) {
      expect(await callError(call())).toMatchObject({ code: "CONFLICT", message: LAST_OWNER });
    }
    expect(await orgSnapshot(t.db, org.id)).toEqual(before);
  });

  it("can step down, be removed or leave once there is a second owner", async () => {
    const { org, owner } = await createOrg(t.db);
    const second = await addMember(t.db, org.id, "admin");
    await callerFor(t.db, owner).members.changeRole({ orgId: org.id, userId: second.id, role: "owner" });
    await callerFor(t.db, owner).members.changeRole({ orgId: org.id, userId: owner.id, role: "admin" });
    expect(await owners(org.id)).toEqual([second.id]);

    await callerFor(t.db, second).members.changeRole({ orgId: org.id, userId: owner.id, role: "owner" });
    await callerFor(t.db, second).members.remove({ orgId: org.id, userId: owner.id });
    expect(await owners(org.id)).toEqual([second.id]);

    const third = await addMember(t.db, org.id, "owner");
    await callerFor(t.db, third).members.leave({ orgId: org.id });
    expect(await owners(org.id)).toEqual([second.id]);
    expect(await callError(callerFor(t.db, second).members.leave({ orgId: org.id }))).toMatchObject({ code: "CONFLICT" });

    const actions = (await callerFor(t.db, second).audit.list({ orgId: org.id })).entries.map((e) => e.action);
    expect(actions).toEqual([
      "member.left",
      "member.removed",
      "member.role_changed",
      "member.role_changed",
      "member.role_changed",
      "organization.created",
    ]);
  });

  it("survives two owners demoting each other at once: exactly one owner is left", async () => {
    const { org, owner: first } = await createOrg(t.db);
    const second = await addMember(t.db, org.id, "owner");
    // On Postgres the two run in parallel transactions; PGlite has one connection and serializes them.
    const results = await Promise.allSettled([
      callerFor(t.db, first).members.changeRole({ orgId: org.id, userId: second.id, role: "admin" }),
      callerFor(t.db, second).members.changeRole({ orgId: org.id, userId: first.id, role: "admin" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    // The loser is refused either as the last owner (it read its role before the winner committed)
    // or as no longer an owner (it read it after); never both demoted.
    const rejected = results.find((r) => r.status === "rejected");
    const failure = await callError(Promise.reject(rejected?.reason));
    expect([
      { code: "CONFLICT", message: LAST_OWNER },
      { code: "FORBIDDEN", message: "Only an owner can make, change or remove an owner." },
    ]).toContainEqual({ code: failure.code, message: failure.message });
    expect(await owners(org.id)).toHaveLength(1);
    const remaining = (await owners(org.id))[0]!;
    expect(await audited(remaining === first.id ? first : second, org.id, "member.role_changed")).toHaveLength(1);
  });

  it("survives an owner removal racing a demotion: exactly one owner is left", async () => {
    const { org, owner: first } = await createOrg(t.db);
    const second = await addMember(t.db, org.id, "owner");
    const results = await Promise.allSettled([
      callerFor(t.db, first).members.remove({ orgId: org.id, userId: second.id }),
      callerFor(t.db, second).members.changeRole({ orgId: org.id, userId: first.id, role: "viewer" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await owners(org.id)).toHaveLength(1);
  });
});

describe("the audit log", () => {
  it("is readable by admins and not by managers", async () => {
    const { org } = await createOrg(t.db);
    const admin = await addMember(t.db, org.id, "admin");
    const manager = await addMember(t.db, org.id, "manager");
    expect((await audited(admin, org.id, "organization.created")).length).toBe(1);
    expect(await callError(callerFor(t.db, manager).audit.list({ orgId: org.id }))).toMatchObject({ code: "FORBIDDEN" });
  });
});
