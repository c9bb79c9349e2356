import { ShieldAlert } from "lucide-react";
import type { Metadata } from "next";
import { Suspense } from "react";
import { EmptyState } from "~/app/_components/ui/empty-state";
import { PageHeader } from "~/app/_components/ui/page-header";
import { TableSkeleton } from "~/app/_components/ui/table-skeleton";
import { HydrateClient, prefetch, trpc } from "~/app/_trpc/server";
import { hasRole } from "~/server/tenancy/contract";
import { requireMember } from "~/server/web";
import { JobRuns } from "./job-runs";

export const metadata: Metadata = { title: "Jobs" };

export default async function JobsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { org, role } = await requireMember(slug, `/o/${slug}/jobs`);
  const header = <PageHeader title="Scheduled jobs" description={`What runs on a schedule for ${org.name}, how long its part took and what it touched. Times are in ${org.timeZone}.`} />;
  if (!hasRole(role, "admin")) {
    return (
      <>
        {header}
        <EmptyState icon={<ShieldAlert />} title="You need the admin role to see scheduled jobs">
          Ask an owner or admin of {org.name}.
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
