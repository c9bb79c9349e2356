import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { HydrateClient, getQueryClient, prefetch, trpc } from "~/app/_trpc/server";
import { hasRole } from "~/server/tenancy/contract";
import { requireMember } from "~/server/web";
import { LocationView } from "./location-view";

type Params = Promise<{ org: string; locationId: string }>;

/** The location, or 404 when it does not exist or belongs to another organization. */
async function loadLocation(slug: string, locationId: string) {
  const { org, role } = await requireMember(slug, `/o/${slug}/locations/${locationId}`);
  const locations = await getQueryClient().fetchQuery(trpc.locations.list.queryOptions({ orgId: org.id }));
  const location = locations.find((l) => l.id === locationId);
  if (!location) notFound();
  return { org, role, location };
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { org, locationId } = await params;
  const { location } = await loadLocation(org, locationId);
  return { title: location.name };
}

export default async function LocationPage({ params }: { params: Params }) {
  const { org: slug, locationId } = await params;
  const { org, role } = await loadLocation(slug, locationId);
  prefetch(trpc.machines.list.queryOptions({ orgId: org.id, locationId }));
  prefetch(trpc.hosts.contracts.list.queryOptions({ orgId: org.id, locationId }));
  const manager = hasRole(role, "manager");
  if (manager) prefetch(trpc.hostAccess.list.queryOptions({ orgId: org.id, locationId }));
  return (
    <HydrateClient>
      <LocationView locationId={locationId} />
    </HydrateClient>
  );
}
