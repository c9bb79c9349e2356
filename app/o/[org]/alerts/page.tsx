import type { Metadata } from "next";
import Link from "next/link";
import { Settings2 } from "lucide-react";
import { Suspense } from "react";
import { buttonClasses } from "~/app/_components/ui/button";
import { PageHeader } from "~/app/_components/ui/page-header";
import { toSearchParams } from "~/app/_components/hooks/search-params";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { HydrateClient, prefetch, trpc } from "~/app/_trpc/server";
import { hasRole } from "~/server/tenancy/contract";
import { requireMember } from "~/server/web";
import { AlertsTable } from "./alerts-table";
import { alertsListInput, alertsQueryFrom } from "./alerts-query";

export const metadata: Metadata = { title: "Alerts" };

export default async function AlertsPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org: slug } = await params;
  const { org, role } = await requireMember(slug, `/o/${slug}/alerts`);
  prefetch(trpc.alerts.list.queryOptions(alertsListInput(org.id, alertsQueryFrom(toSearchParams(await searchParams)))));
  prefetch(trpc.machines.list.queryOptions({ orgId: org.id }));
  prefetch(trpc.locations.list.queryOptions({ orgId: org.id }));
  return (
    <HydrateClient>
      <PageHeader
        title="Alerts"
        description="Faults, silences, stock, temperature and refunds that need someone, live every 5 seconds."
        actions={
          hasRole(role, "admin") && (
            <Link href={`/o/${org.slug}/alerts/settings`} className={buttonClasses("secondary")}>
              <Settings2 aria-hidden />
              Thresholds
            </Link>
          )
        }
      />
      <Suspense fallback={<TableSkeleton rows={8} className="" />}>
        <AlertsTable />
      </Suspense>
    </HydrateClient>
  );
}
