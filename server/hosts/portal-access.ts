import "server-only";
import { and, asc, eq, or } from "drizzle-orm";
import type { Db } from "~/db/client";
import { hostMembers, locations, organizations } from "~/db/schema";

// Which places a user hosts crosses tenants by nature, like resolving a membership, so these
// lookups run on the owner connection, always filtered by the user. Everything after them runs
// in withHost.

export interface ResolvedHostAccess {
  org: { id: string; name: string; slug: string; timeZone: string; currency: string };
  locationIds: string[];
}

/** The locations a user hosts in an org given by id or slug, or null when they host none there. */
export async function resolveHostAccess(db: Db, input: { userId: string; orgIdOrSlug: string }): Promise<ResolvedHostAccess | null> {
  const rows = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      slug: organizations.slug,
      timeZone: organizations.timeZone,
      currency: organizations.currency,
      locationId: hostMembers.locationId,
    })
    .from(hostMembers)
    .innerJoin(organizations, eq(organizations.id, hostMembers.orgId))
    .where(and(eq(hostMembers.userId, input.userId), or(eq(organizations.id, input.orgIdOrSlug), eq(organizations.slug, input.orgIdOrSlug))))
    .orderBy(asc(hostMembers.locationId));
  const first = rows[0];
  if (!first) return null;
  const { locationId: _, ...org } = first;
  return { org, locationIds: rows.map((r) => r.locationId) };
}

/** Every place a user hosts, by org: the host portal's start page and the user menu. */
export async function listHostPlaces(db: Db, userId: string) {
  const rows = await db
    .select({
      orgId: organizations.id,
      orgName: organizations.name,
      orgSlug: organizations.slug,
      locationId: locations.id,
      locationName: locations.name,
      address: locations.address,
    })
    .from(hostMembers)
    .innerJoin(organizations, eq(organizations.id, hostMembers.orgId))
    .innerJoin(locations, eq(locations.id, hostMembers.locationId))
    .where(eq(hostMembers.userId, userId))
    .orderBy(asc(organizations.name), asc(locations.name));
  const byOrg = new Map<string, { orgId: string; orgName: string; orgSlug: string; locations: { id: string; name: string; address: string }[] }>();
  for (const r of rows) {
    const entry = byOrg.get(r.orgId) ?? { orgId: r.orgId, orgName: r.orgName, orgSlug: r.orgSlug, locations: [] };
    entry.locations.push({ id: r.locationId, name: r.locationName, address: r.address });
    byOrg.set(r.orgId, entry);
  }
  return [...byOrg.values()];
}
