import { ShieldAlert } from "lucide-react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { PageHeader } from "~/app/_components/ui/page-header";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { HydrateClient, prefetch, trpc } from "~/app/_trpc/server";
import { hasRole } from "~/server/tenancy/contract";
import { requireMember } from "~/server/web";
import { JobRuns } from "./job-runs";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("jobs.page");
  return { title: t("metaTitle") };
}

export default async function JobsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role } = await requireMember(slug, `/o/${slug}/jobs`);
  const t = await getTranslations("jobs.page");
  const header = <PageHeader title={t("title")} description={t("description", { name: org.name, timeZone: org.timeZone })} />;
  if (!hasRole(role, "admin")) {
    return (
      <>
        {header}
        <EmptyState icon={<ShieldAlert />} title={t("forbiddenTitle")}>
          {t("forbiddenBody", { name: org.name })}
        </EmptyState>
      </>
    );
  }
  prefetch(trpc.jobs.list.queryOptions({ orgId: org.id }));
  return (
    <HydrateClient>
      {header}
      <Suspense fallback={<TableSkeleton rows={6} className="" />}>
        <JobRuns />
      </Suspense>
    </HydrateClient>
  );
}
