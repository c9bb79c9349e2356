import "server-only";
import { and, asc, eq, or } from "drizzle-orm";
import type { Db } from "~/db/client";
import { memberships, organizations, type MemberRole, type Organization } from "~/db/schema";

// Resolving which organizations a user belongs to crosses tenants by nature, so these lookups run
// on the owner connection, always filtered by the user. Everything after them runs in withTenant.

export interface ResolvedMembership {
  org: Organization;
  role: MemberRole;
}

/** The user's membership in an org given by id or slug, or null if they are not a member. */
export async function resolveMembership(db: Db, input: { userId: string; orgIdOrSlug: string }): Promise<ResolvedMembership | null> {
  const { userId, orgIdOrSlug } = input;
  const [row] = await db
    .select({ org: organizations, role: memberships.role })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(and(eq(memberships.userId, userId), or(eq(organizations.id, orgIdOrSlug), eq(organizations.slug, orgIdOrSlug))))
    .limit(1);
  return row ?? null;
}

/** The organizations a user belongs to, for the org switcher. */
export async function listMyOrganizations(db: Db, userId: string) {
  return db
    .select({ id: organizations.id, name: organizations.name, slug: organizations.slug, role: memberships.role })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(organizations.name));
}
