import { Plus } from "lucide-react";
import type { Metadata } from "next";
import { Suspense } from "react";
import { Button } from "~/app/_components/ui/button";
import { PageHeader } from "~/app/_components/ui/page-header";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { HydrateClient, prefetch, trpc } from "~/app/_trpc/server";
import { hasRole } from "~/server/tenancy/contract";
import { requireMember } from "~/server/web";
import { RouteDialog } from "./route-dialog";
import { RoutesTable } from "./routes-table";

export const metadata: Metadata = { title: "Routes" };

export default async function RoutesPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role } = await requireMember(slug, `/o/${slug}/routes`);
  prefetch(trpc.routes.list.queryOptions({ orgId: org.id }));
  prefetch(trpc.plans.get.queryOptions({ orgId: org.id }));
  const manager = hasRole(role, "manager");
  if (manager) {
    prefetch(trpc.routes.technicians.queryOptions({ orgId: org.id }));
    prefetch(trpc.machines.list.queryOptions({ orgId: org.id }));
    prefetch(trpc.plans.settings.queryOptions({ orgId: org.id }));
  }
  return (
    <HydrateClient>
      <PageHeader
        title="Routes"
        description="Named rounds of machines, each driven by a technician. Plans group visits by route."
        actions={
          manager && (
            <RouteDialog
              trigger={
                <Button variant="primary">
                  <Plus aria-hidden />
                  New route
                </Button>
              }
            />
          )
        }
      />
      <Suspense fallback={<TableSkeleton rows={4} className="" />}>
        <RoutesTable />
      </Suspense>
    </HydrateClient>
  );
}
