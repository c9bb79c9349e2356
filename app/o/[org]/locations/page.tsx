import { Plus } from "lucide-react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { Button } from "~/app/_components/ui/button";
import { PageHeader } from "~/app/_components/ui/page-header";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { HydrateClient, prefetch, trpc } from "~/app/_trpc/server";
import { hasRole } from "~/server/tenancy/contract";
import { requireMember } from "~/server/web";
import { LocationDialog } from "./location-dialog";
import { LocationsTable } from "./locations-table";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("locations");
  return { title: t("metadata.title") };
}

export default async function LocationsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role } = await requireMember(slug, `/o/${slug}/locations`);
  prefetch(trpc.locations.list.queryOptions({ orgId: org.id }));
  const t = await getTranslations("locations.list");
  return (
    <HydrateClient>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          hasRole(role, "manager") && (
            <LocationDialog
              trigger={
                <Button variant="primary">
                  <Plus aria-hidden />
                  {t("add")}
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
