import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
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

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("alerts");
  return { title: t("meta.title") };
}

export default async function AlertsPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org: slug } = await params;
  const { org, role } = await requireMember(slug, `/o/${slug}/alerts`);
  const t = await getTranslations("alerts");
  prefetch(trpc.alerts.list.queryOptions(alertsListInput(org.id, alertsQueryFrom(toSearchParams(await searchParams)))));
  prefetch(trpc.machines.list.queryOptions({ orgId: org.id }));
  prefetch(trpc.locations.list.queryOptions({ orgId: org.id }));
  return (
    <HydrateClient>
      <PageHeader
        title={t("meta.title")}
        description={t("page.description")}
        actions={
          hasRole(role, "admin") && (
            <Link href={`/o/${org.slug}/alerts/settings`} className={buttonClasses("secondary")}>
              <Settings2 aria-hidden />
              {t("page.thresholds")}
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
