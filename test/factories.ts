import { randomBytes } from "node:crypto";
import type { Db } from "~/db/client";
import { newId } from "~/db/ids";
import { memberships, users, type MemberRole } from "~/db/schema";
import type { SessionUser } from "~/server/auth";
import { hashPassword } from "~/server/auth";
import { createTrpcContext } from "~/server/trpc/init";
import { createCaller } from "~/server/trpc/root";
import { createOrganization } from "~/server/tenancy";

/** A password that passes the strength check; every factory user has it. */
export const TEST_PASSWORD = "correct horse battery staple 42";

let passwordHash: Promise<string> | undefined;

const unique = () => randomBytes(4).toString("hex");

/** A user with a unique e-mail, inserted directly (hashing once per run keeps tests fast). */
export async function createUser(db: Db, overrides: Partial<{ name: string; email: string }> = {}): Promise<SessionUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const u = unique();
  const [user] = await db
    .insert(users)
    .values({
      id: newId("usr"),
      name: overrides.name ?? `Test User ${u}`,
      email: (overrides.email ?? `user-${u}@example.test`).toLowerCase(),
      passwordHash: await passwordHash,
    })
    .returning({ id: users.id, email: users.email, name: users.name });
  // As a session has it: a new account follows its browser's language.
  return { ...user!, locale: null };
}

/** An organization with a fresh owner. */
export async function createOrg(db: Db, owner?: SessionUser) {
  const user = owner ?? (await createUser(db));
  const u = unique();
  const org = await createOrganization(db, {
    actor: { type: "user", id: user.id, label: user.name },
    org: { name: `Org ${u}`, slug: `org-${u}`, timeZone: "Europe/Berlin", currency: "EUR" },
  });
  return { org, owner: user };
}

/** Adds a new user to an org with a role and returns that user. */
export async function addMember(db: Db, orgId: string, role: MemberRole, user?: SessionUser): Promise<SessionUser> {
  const member = user ?? (await createUser(db));
  await db.insert(memberships).values({ orgId, userId: member.id, role });
  return member;
}

/** A tRPC caller acting as `user` (or signed out), with a context injected as the route builds it. */
export function callerFor(db: Db, user: SessionUser | null, ip = "203.0.113.7") {
  return createCaller(createTrpcContext({ db, user, ip }));
}

/** An invitation sent by `inviter` through the real procedure; returns it with its one-time token. */
export async function invite(db: Db, inviter: SessionUser, orgId: string, role: MemberRole = "viewer", email = `invitee-${unique()}@example.test`) {
  const { invitation, token } = await callerFor(db, inviter).invitations.create({ orgId, email, role });
  return { invitation, token, email };
}
