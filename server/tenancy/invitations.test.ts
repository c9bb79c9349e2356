import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, invitations, memberships } from "~/db/schema";
import { createTestDatabase, type TestDatabase } from "~/test/db";
import { TEST_PASSWORD, addMember, callerFor, createOrg, createUser, invite } from "~/test/factories";
import { countRows, orgSnapshot } from "~/test/rows";
import { callError } from "~/test/trpc-errors";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const membershipOf = async (orgId: string, userId: string) =>
  (await t.db.select().from(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId))))[0];

describe("an invitation from start to finish", () => {
  it("is previewed, accepted by a new account with that e-mail, and makes a member with the role", async () => {
    const { org, owner } = await createOrg(t.db);
    const created = await callerFor(t.db, owner).invitations.create({ orgId: org.id, email: "New.Tech@Example.test", role: "technician" });
    expect(created.invitation).toMatchObject({ email: "new.tech@example.test", role: "technician", status: "pending" });
    expect(created.path).toBe(`/invite/${created.token}`);
    const [stored] = await t.db.select().from(invitations).where(eq(invitations.id, created.invitation.id));
    expect(stored?.tokenHash).not.toContain(created.token);

    const preview = await callerFor(t.db, null).invitations.preview({ token: created.token });
    expect(preview).toEqual({ orgName: org.name, orgSlug: org.slug, email: "new.tech@example.test", role: "technician", status: "pending" });

    const newcomer = await callerFor(t.db, null).auth.signUp({ name: "New Tech", email: "new.tech@example.test", password: TEST_PASSWORD });
    const accepted = await callerFor(t.db, newcomer).invitations.accept({ token: created.token });
    expect(accepted).toEqual({ orgSlug: org.slug, role: "technician" });

    const members = await callerFor(t.db, owner).members.list({ orgId: org.id });
    expect(members).toContainEqual(expect.objectContaining({ userId: newcomer.id, role: "technician", email: "new.tech@example.test" }));
    expect((await callerFor(t.db, newcomer).org.mine()).map((o) => o.id)).toEqual([org.id]);
    expect((await callerFor(t.db, null).invitations.preview({ token: created.token }))?.status).toBe("accepted");

    const { entries } = await callerFor(t.db, owner).audit.list({ orgId: org.id });
    expect(entries.map((e) => e.action)).toEqual(["invitation.accepted", "invitation.created", "organization.created"]);
    expect(entries[0]).toMatchObject({ actorType: "user", actorId: newcomer.id, targetId: created.invitation.id });
    expect(entries[1]).toMatchObject({ actorType: "user", actorId: owner.id, targetId: created.invitation.id });
  });

  it("works once: a reused link is refused and creates nothing", async () => {
    const { org, owner } = await createOrg(t.db);
    const { token, email } = await invite(t.db, owner, org.id, "viewer");
    const invitee = await createUser(t.db, { email });
    await callerFor(t.db, invitee).invitations.accept({ token });
    const before = await orgSnapshot(t.db, org.id);
    const failure = await callError(callerFor(t.db, invitee).invitations.accept({ token }));
    expect(failure).toMatchObject({
      code: "CONFLICT",
      message: "This invitation has already been used. Ask for a new one if you still need access.",
    });
    expect(await orgSnapshot(t.db, org.id)).toEqual(before);
  });
});

describe("an invitation that cannot be used", () => {
  it("is refused once expired", async () => {
    const { org, owner } = await createOrg(t.db);
    const { invitation, token, email } = await invite(t.db, owner, org.id, "manager");
    await t.db.update(invitations).set({ expiresAt: sql`now() - interval '1 minute'` }).where(eq(invitations.id, invitation.id));
    const invitee = await createUser(t.db, { email });
    const before = await orgSnapshot(t.db, org.id);
    const failure = await callError(callerFor(t.db, invitee).invitations.accept({ token }));
    expect(failure).toMatchObject({ code: "CONFLICT", message: "This invitation has expired. Ask the person who invited you for a new one." });
    expect(await orgSnapshot(t.db, org.id)).toEqual(before);
    expect((await callerFor(t.db, null).invitations.preview({ token }))?.status).toBe("expired");
  });

  it("is refused once revoked, and the revocation is audited", async () => {
    const { org, owner } = await createOrg(t.db);
    const { invitation, token, email } = await invite(t.db, owner, org.id, "manager");
    await expect(callerFor(t.db, owner).invitations.revoke({ orgId: org.id, invitationId: invitation.id })).resolves.toEqual({ id: invitation.id });
    const invitee = await createUser(t.db, { email });
    const before = await orgSnapshot(t.db, org.id);
    const failure = await callError(callerFor(t.db, invitee).invitations.accept({ token }));
    expect(failure).toMatchObject({ code: "CONFLICT", message: "This invitation was withdrawn. Ask the person who invited you for a new one." });
    expect(await orgSnapshot(t.db, org.id)).toEqual(before);
    const { entries } = await callerFor(t.db, owner).audit.list({ orgId: org.id, action: "invitation.revoked" });
    expect(entries).toEqual([expect.objectContaining({ targetId: invitation.id, data: { email } })]);
    // Revoking twice finds no pending invitation.
    const again = await callError(callerFor(t.db, owner).invitations.revoke({ orgId: org.id, invitationId: invitation.id }));
    expect(again).toMatchObject({ code: "NOT_FOUND", message: "Pending invitation not found" });
  });

  it("cannot be accepted by someone with another e-mail", async () => {
    const { org, owner } = await createOrg(t.db);
    const { token, email } = await invite(t.db, owner, org.id, "admin");
    const other = await createUser(t.db);
    const before = await orgSnapshot(t.db, org.id);
    const failure = await callError(callerFor(t.db, other).invitations.accept({ token }));
    expect(failure).toMatchObject({ code: "FORBIDDEN", message: `This invitation was sent to ${email}. Sign in with that address to accept it.` });
    expect(await orgSnapshot(t.db, org.id)).toEqual(before);
    expect(await membershipOf(org.id, other.id)).toBeUndefined();
  });

  it("is unknown for a made-up token", async () => {
    const user = await createUser(t.db);
    expect(await callerFor(t.db, null).invitations.preview({ token: "x".repeat(32) })).toBeNull();
    const before = await countRows(t.db, memberships);
    expect(await callError(callerFor(t.db, user).invitations.accept({ token: "x".repeat(32) }))).toMatchObject({
      code: "NOT_FOUND",
      message: "Invitation not found",
    });
    expect(await countRows(t.db, memberships)).toBe(before);
  });

  it("needs a signed-in user to accept", async () => {
    const { org, owner } = await createOrg(t.db);
    const { token } = await invite(t.db, owner, org.id);
    expect(await callError(callerFor(t.db, null).invitations.accept({ token }))).toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("who may invite whom", () => {
  it("lets an admin invite up to admin but not an owner", async () => {
    const { org } = await createOrg(t.db);
    const admin = await addMember(t.db, org.id, "admin");
    await expect(invite(t.db, admin, org.id, "admin")).resolves.toMatchObject({ invitation: { role: "admin" } });
    const before = await orgSnapshot(t.db, org.id);
    const failure = await callError(callerFor(t.db, admin).invitations.create({ orgId: org.id, email: "boss@example.test", role: "owner" }));
    expect(failure).toMatchObject({
      code: "FORBIDDEN",
      message: "Only an owner can invite another owner.",
      fieldErrors: { role: ["Only an owner can invite another owner."] },
    });
    expect(await orgSnapshot(t.db, org.id)).toEqual(before);
  });

  it("lets an owner invite another owner", async () => {
    const { org, owner } = await createOrg(t.db);
    await expect(invite(t.db, owner, org.id, "owner")).resolves.toMatchObject({ invitation: { role: "owner", status: "pending" } });
  });

  it("refuses to invite someone who is already a member", async () => {
    const { org, owner } = await createOrg(t.db);
    const member = await addMember(t.db, org.id, "viewer");
    const before = await orgSnapshot(t.db, org.id);
    const failure = await callError(
      callerFor(t.db, owner).invitations.create({ orgId: org.id, email: member.email.toUpperCase(), role: "manager" }),
    );
    expect(failure).toMatchObject({ code: "CONFLICT", fieldErrors: { email: ["This person is already a member of the organization."] } });
    expect(await orgSnapshot(t.db, org.id)).toEqual(before);
  });

  it("replaces a pending invitation to the same address", async () => {
    const { org, owner } = await createOrg(t.db);
    const first = await invite(t.db, owner, org.id, "viewer", "twice@example.test");
    const second = await invite(t.db, owner, org.id, "manager", "twice@example.test");
    const list = await callerFor(t.db, owner).invitations.list({ orgId: org.id });
    expect(list.map((i) => [i.id, i.status])).toEqual(
      expect.arrayContaining([
        [first.invitation.id, "revoked"],
        [second.invitation.id, "pending"],
      ]),
    );
    const invitee = await createUser(t.db, { email: "twice@example.test" });
    expect((await callError(callerFor(t.db, invitee).invitations.accept({ token: first.token }))).code).toBe("CONFLICT");
    await expect(callerFor(t.db, invitee).invitations.accept({ token: second.token })).resolves.toMatchObject({ role: "manager" });
    expect((await membershipOf(org.id, invitee.id))?.role).toBe("manager");
    expect(await countRows(t.db, auditLog, and(eq(auditLog.orgId, org.id), eq(auditLog.action, "invitation.accepted")))).toBe(1);
    const revoked = await t.db.select().from(auditLog).where(and(eq(auditLog.orgId, org.id), eq(auditLog.action, "invitation.revoked")));
    expect(revoked).toEqual([expect.objectContaining({ targetId: first.invitation.id, data: { email: "twice@example.test", reason: "replaced" } })]);
  });

  it("leaves an existing member's role as it was and says so", async () => {
    const { org, owner } = await createOrg(t.db);
    const { invitation, token, email } = await invite(t.db, owner, org.id, "viewer");
    // The invitee joined another way (here: added directly as a manager) before using the link.
    const member = await addMember(t.db, org.id, "manager", await createUser(t.db, { email }));
    await expect(callerFor(t.db, member).invitations.accept({ token })).resolves.toEqual({ orgSlug: org.slug, role: "manager" });
    expect((await membershipOf(org.id, member.id))?.role).toBe("manager");
    const [accepted] = await t.db.select().from(auditLog).where(and(eq(auditLog.targetId, invitation.id), eq(auditLog.action, "invitation.accepted")));
    expect(accepted?.data).toMatchObject({ alreadyMember: true });
  });
});
