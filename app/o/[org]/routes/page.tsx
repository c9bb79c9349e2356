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
import { RouteDialog } from "./route-dialog";
import { RoutesTable } from "./routes-table";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("routes.list");
  return { title: t("title") };
}

export default async function RoutesPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role } = await requireMember(slug, `/o/${slug}/routes`);
  const t = await getTranslations("routes.list");
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
        title={t("title")}
        description={t("description")}
        actions={
          manager && (
            <RouteDialog
              trigger={
                <Button variant="primary">
                  <Plus aria-hidden />
                  {t("newRoute")}
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
