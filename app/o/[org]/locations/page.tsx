import { Plus } from "lucide-react";
import type { Metadata } from "next";
import { Suspense } from "react";
import { Button } from "~/app/_components/ui/button";
import { PageHeader } from "~/app/_components/ui/page-header";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { HydrateClient, prefetch, trpc } from "~/app/_trpc/server";
import { hasRole } from "~/server/tenancy/contract";
import { requireMember } from "~/server/web";
import { LocationDialog } from "./location-dialog";
import { LocationsTable } from "./locations-table";

export const metadata: Metadata = { title: "Locations" };

export default async function LocationsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role } = await requireMember(slug, `/o/${slug}/locations`);
  prefetch(trpc.locations.list.queryOptions({ orgId: org.id }));
  return (
    <HydrateClient>
      <PageHeader
        title="Locations"
        description="The places your machines stand: offices, stations, schools and more."
        actions={
          hasRole(role, "manager") && (
            <LocationDialog
              trigger={
                <Button variant="primary">
                  <Plus aria-hidden />
                  Add location
                </Button>
              }
            />
          )
        }
      />
      <Suspense fallback={<TableSkeleton rows={5} className="" />}>
        <LocationsTable />
      </Suspense>
    </HydrateClient>
  );
}
